package io.gitlore.embedder.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.serde.Json;
import io.gitlore.embedder.model.EmbedderClosedException;
import io.gitlore.embedder.service.EmbedJobService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the chunker's chunk streams and hands each item to the embedding job service, acknowledging a message
 * only once its point is stored (so a crash or a store outage never loses one); a payload that is not a
 * chunk-stream item is dead-lettered with its original bytes and the stream goes on.
 */
@ApplicationScoped
public class ChunkStreamConsumer {

    private final EmbedJobService jobs;

    public ChunkStreamConsumer(EmbedJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(Channels.CHUNKS_IN)
    @Blocking
    public CompletionStage<Void> onMessage(Message<byte[]> message) {
        ChunkStreamItem item;
        try {
            item = Json.readMessage(message.getPayload(), ChunkStreamItem.class, "chunk-stream item",
                    ChunkStreamItem::jobId);
        } catch (IllegalArgumentException e) {
            return message.nack(e);
        }
        try {
            jobs.handle(item, message::ack);
        } catch (EmbedderClosedException e) {
            // Shutting down: neither ack nor dead-letter; the message is redelivered after the restart.
            return new CompletableFuture<>();
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        return CompletableFuture.completedFuture(null);
    }
}
