package io.gitlore.tokenizer.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.messaging.JobOffsets;
import io.gitlore.contracts.serde.Json;
import io.gitlore.tokenizer.service.DatasetJobService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the chunker's chunk streams and hands each item to the dataset job service; a payload that is not a
 * chunk-stream item is dead-lettered with its original bytes and the stream goes on. Offsets are committed only past
 * jobs whose dataset is published ({@link JobOffsets}): a restart reads an unfinished job again from its first chunk.
 */
@ApplicationScoped
public class ChunkStreamConsumer {

    private final DatasetJobService jobs;
    private final JobOffsets offsets;

    public ChunkStreamConsumer(DatasetJobService jobs, KafkaClientService clients) {
        this.jobs = jobs;
        this.offsets = JobOffsets.of(clients, Channels.CHUNKS_IN);
    }

    @Incoming(Channels.CHUNKS_IN)
    @Blocking
    public void onItem(ConsumerRecord<String, byte[]> record) {
        ChunkStreamItem item = Json.readMessage(record.value(), ChunkStreamItem.class, "chunk-stream item",
                ChunkStreamItem::jobId);
        offsets.seen(item.jobId(), record);
        if (jobs.handle(item)) {
            offsets.ended(item.jobId(), record);
        }
    }
}
