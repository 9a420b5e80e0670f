package io.gitlore.chunker.messaging;

import io.gitlore.chunker.service.ChunkJobService;
import io.gitlore.contracts.Channels;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.serde.Json;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the scraper's commit stream in order and hands each item to the chunk job service; a payload that is not
 * a commit-stream item is dead-lettered with its original bytes and the stream goes on.
 */
@ApplicationScoped
public class CommitStreamConsumer {

    private final ChunkJobService jobs;

    public CommitStreamConsumer(ChunkJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(Channels.COMMITS_IN)
    @Blocking
    public void onItem(byte[] payload) {
        jobs.handle(Json.readMessage(payload, CommitStreamItem.class, "commit-stream item", CommitStreamItem::jobId));
    }
}
