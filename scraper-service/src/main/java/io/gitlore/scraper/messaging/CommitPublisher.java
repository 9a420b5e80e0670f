package io.gitlore.scraper.messaging;

import java.util.Map;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.messaging.BoundedSender;
import io.gitlore.contracts.messaging.CancelledJobs;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.messaging.OutputLedger;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.scraper.config.ScraperConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a job's commit stream to {@code gitlore.commits.v1} keyed by repository id (one partition, history order),
 * with at most a bounded number of records awaiting the broker's acknowledgement, and the scrape stage's job events
 * to {@code gitlore.jobs.events.v1}. A job scraped again (the scraper was killed before its request was committed)
 * sends only what its earlier run did not ({@link OutputLedger}), so the topic holds the job's stream once; the
 * stage's {@link CancelledJobs} say which jobs to stop.
 */
@ApplicationScoped
public class CommitPublisher {

    public static final String STAGE = "scrape";

    private final Emitter<CommitStreamItem> emitter;
    private final JobEvents events;
    private final CancelledJobs cancellations;
    private final OutputLedger ledger;

    public CommitPublisher(@Channel(Channels.COMMITS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) Emitter<CommitStreamItem> emitter,
                           @Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> events,
                           @Identifier("default-kafka-broker") Map<String, Object> kafka, ScraperConfig config) {
        this.emitter = emitter;
        this.events = new JobEvents(events, STAGE);
        this.cancellations = new CancelledJobs(config.dataDir(), this.events);
        this.ledger = new OutputLedger(kafka, Topics.COMMITS, config.dataDir(), STAGE);
    }

    /** What earlier runs of the job published: ids, and the last item (the summary when the job got that far). */
    public OutputLedger.Sent<CommitStreamItem> published(String jobId) {
        return ledger.open(jobId, CommitStreamItem.class, CommitStreamItem::jobId, CommitStreamItem::messageId);
    }

    public JobEvents events() {
        return events;
    }

    /** The jobs cancelled (markers in the data directory) and the stage's one cancelled event per job. */
    public CancelledJobs cancellations() {
        return cancellations;
    }

    /**
     * A per-job sender: {@code send} blocks while too many records are unacknowledged, and skips the records
     * {@code published} holds.
     */
    public BoundedSender<CommitStreamItem> open(int maxInFlight, OutputLedger.Sent<CommitStreamItem> published) {
        BoundedSender<CommitStreamItem> sender = new BoundedSender<>(emitter, CommitStreamItem::repositoryId,
                maxInFlight);
        return published.ids().isEmpty() ? sender : sender.without(item -> published.contains(item.messageId()));
    }
}
