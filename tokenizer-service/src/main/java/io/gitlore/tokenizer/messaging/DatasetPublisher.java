package io.gitlore.tokenizer.messaging;

import java.time.Duration;
import java.util.Map;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.messaging.AckedSend;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.messaging.OutputLedger;
import io.gitlore.tokenizer.config.TokenizerConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes dataset-ready records (key = job id), returning once the broker has each, and the tokenizer stage's job
 * events; its {@link OutputLedger} tells whether a job run again already has its record out.
 */
@ApplicationScoped
public class DatasetPublisher {

    public static final String STAGE = "dataset";
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);

    private final Emitter<DatasetReady> datasets;
    private final JobEvents events;
    private final OutputLedger ledger;

    @Inject
    public DatasetPublisher(@Channel(Channels.DATASETS_OUT) Emitter<DatasetReady> datasets,
                            @Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> events,
                            @Identifier("default-kafka-broker") Map<String, Object> kafka, TokenizerConfig config) {
        this.datasets = datasets;
        this.events = new JobEvents(events, STAGE);
        this.ledger = new OutputLedger(kafka, Topics.DATASETS_READY, config.dataDir(), STAGE);
    }

    /** A publisher without a ledger: every job counts as never published (tests without a broker). */
    public DatasetPublisher(Emitter<DatasetReady> datasets, Emitter<JobEvent> events) {
        this.datasets = datasets;
        this.events = new JobEvents(events, STAGE);
        this.ledger = null;
    }

    /** The job's dataset-ready record if an earlier run of the job published it, else null. */
    public DatasetReady published(String jobId) {
        return ledger == null ? null
                : ledger.open(jobId, DatasetReady.class, DatasetReady::jobId, DatasetReady::jobId).last();
    }

    /** Returns once the broker has the record, so the job's input is committed only after it is durable. */
    public void ready(DatasetReady ready) {
        AckedSend.send(datasets, ready.jobId(), ready, ACK_TIMEOUT);
    }

    public JobEvents events() {
        return events;
    }
}
