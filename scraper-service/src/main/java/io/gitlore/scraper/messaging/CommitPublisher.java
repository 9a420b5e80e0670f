package io.gitlore.scraper.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.messaging.BoundedSender;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.scrape.CommitStreamItem;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a job's commit stream to {@code gitlore.commits.v1} keyed by repository id (one partition, history order),
 * with at most a bounded number of records awaiting the broker's acknowledgement, and the scrape stage's job events
 * to {@code gitlore.jobs.events.v1}.
 */
@ApplicationScoped
public class CommitPublisher {

    public static final String STAGE = "scrape";

    private final Emitter<CommitStreamItem> emitter;
    private final JobEvents events;

    public CommitPublisher(@Channel(Channels.COMMITS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) Emitter<CommitStreamItem> emitter,
                           @Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> events) {
        this.emitter = emitter;
        this.events = new JobEvents(events, STAGE);
    }

    public JobEvents events() {
        return events;
    }

    /** A per-job sender: {@code send} blocks while too many records are unacknowledged. */
    public BoundedSender<CommitStreamItem> open(int maxInFlight) {
        return new BoundedSender<>(emitter, CommitStreamItem::repositoryId, maxInFlight);
    }
}
