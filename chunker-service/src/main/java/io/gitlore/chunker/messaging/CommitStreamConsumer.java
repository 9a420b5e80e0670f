package io.gitlore.chunker.messaging;

import io.gitlore.chunker.service.ChunkJobService;
import io.gitlore.contracts.Channels;
import io.gitlore.contracts.messaging.JobOffsets;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.serde.Json;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the scraper's commit stream in order and hands each item to the chunk job service; a payload that is not a
 * commit-stream item is dead-lettered with its original bytes and the stream goes on. Offsets are committed only
 * past jobs whose chunks are all acknowledged ({@link JobOffsets}), so a restart reads an unfinished job again from
 * its pre-scan and rebuilds its duplicate indexes and counters.
 */
@ApplicationScoped
public class CommitStreamConsumer {

    private final ChunkJobService jobs;
    private final JobOffsets offsets;

    public CommitStreamConsumer(ChunkJobService jobs, KafkaClientService clients) {
        this.jobs = jobs;
        this.offsets = JobOffsets.of(clients, Channels.COMMITS_IN);
    }

    @Incoming(Channels.COMMITS_IN)
    @Blocking
    public void onItem(ConsumerRecord<String, byte[]> record) {
        CommitStreamItem item = Json.readMessage(record.value(), CommitStreamItem.class, "commit-stream item",
                CommitStreamItem::jobId);
        offsets.seen(item.jobId(), record);
        if (jobs.handle(item)) {
            offsets.ended(item.jobId(), record);
        }
    }
}
