package io.gitlore.embedder.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.messaging.JobOffsets;
import io.gitlore.contracts.serde.Json;
import io.gitlore.embedder.model.EmbedderClosedException;
import io.gitlore.embedder.service.EmbedJobService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Consumes the chunker's chunk streams and hands each item to the embedding job service, acknowledging a message
 * only once its point is stored; offsets are committed only past jobs whose points are all stored durably with their
 * vectors ({@link JobOffsets}), so a restart reads an unfinished job again from its first chunk and its counters come out
 * whole (the vector cache and deterministic point ids make the second pass cheap and duplicate-free). A payload
 * that is not a chunk-stream item is dead-lettered with its original bytes and the stream goes on.
 */
@ApplicationScoped
public class ChunkStreamConsumer {

    private final EmbedJobService jobs;
    private final JobOffsets offsets;

    public ChunkStreamConsumer(EmbedJobService jobs, KafkaClientService clients) {
        this.jobs = jobs;
        this.offsets = JobOffsets.of(clients, Channels.CHUNKS_IN);
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
        IncomingKafkaRecordMetadata<?, ?> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a chunk without its Kafka record"));
        TopicPartition partition = new TopicPartition(record.getTopic(), record.getPartition());
        offsets.seen(item.jobId(), partition, record.getOffset());
        try {
            // The job's offsets are committed when it completes, its vectors all in (possibly later, elsewhere).
            jobs.handle(item, message::ack, () -> offsets.ended(item.jobId(), partition, record.getOffset()));
        } catch (EmbedderClosedException e) {
            // Shutting down: neither ack nor dead-letter; the message is redelivered after the restart.
            return new CompletableFuture<>();
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        return CompletableFuture.completedFuture(null);
    }
}
