package io.gitlore.tokenizer.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.messaging.JobEvents;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes dataset-ready records (key = job id) and the tokenizer stage's job events. */
@ApplicationScoped
public class DatasetPublisher {

    public static final String STAGE = "dataset";

    private final Emitter<DatasetReady> datasets;
    private final JobEvents events;

    public DatasetPublisher(@Channel(Channels.DATASETS_OUT) Emitter<DatasetReady> datasets,
                            @Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> events) {
        this.datasets = datasets;
        this.events = new JobEvents(events, STAGE);
    }

    public void ready(DatasetReady ready) {
        datasets.send(Message.of(ready)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(ready.jobId()).build()));
    }

    public JobEvents events() {
        return events;
    }
}
