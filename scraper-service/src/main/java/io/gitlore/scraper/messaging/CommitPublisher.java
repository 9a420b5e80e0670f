package io.gitlore.scraper.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.messaging.BoundedSender;
import io.gitlore.contracts.scrape.CommitStreamItem;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a job's commit stream to {@code gitlore.commits.v1} keyed by repository id (one partition, history order),
 * with at most a bounded number of records awaiting the broker's acknowledgement.
 */
@ApplicationScoped
public class CommitPublisher {

    private final Emitter<CommitStreamItem> emitter;

    public CommitPublisher(@Channel(Channels.COMMITS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) Emitter<CommitStreamItem> emitter) {
        this.emitter = emitter;
    }

    /** A per-job sender: {@code send} blocks while too many records are unacknowledged. */
    public BoundedSender<CommitStreamItem> open(int maxInFlight) {
        return new BoundedSender<>(emitter, CommitStreamItem::repositoryId, maxInFlight);
    }
}
