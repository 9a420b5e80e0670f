package io.gitlore.tokenizer.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.serde.Json;
import io.gitlore.tokenizer.service.DatasetJobService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the chunker's chunk streams and hands each item to the dataset job service; a payload that is not a
 * chunk-stream item is dead-lettered with its original bytes and the stream goes on.
 */
@ApplicationScoped
public class ChunkStreamConsumer {

    private final DatasetJobService jobs;

    public ChunkStreamConsumer(DatasetJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(Channels.CHUNKS_IN)
    @Blocking
    public void onItem(byte[] payload) {
        jobs.handle(Json.readMessage(payload, ChunkStreamItem.class, "chunk-stream item", ChunkStreamItem::jobId));
    }
}
