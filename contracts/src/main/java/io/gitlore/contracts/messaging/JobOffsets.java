package io.gitlore.contracts.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a consumer that keeps each job's state in memory may commit: takes the job, partition and offset of every
 * record it handles, and when a job has ended with its output acknowledged gives the offset below which every record
 * belongs to an ended job. A restarted consumer therefore reads every unfinished job again from its first record and
 * rebuilds that job's state exactly, instead of resuming in the middle with the state lost. The channel runs with
 * {@code commit-strategy=ignore}: these are its only commits.
 */
public final class JobOffsets {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(JobOffsets.class.getName());
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    /** The first record of a job that has not ended yet. */
    private record Open(TopicPartition partition, long first) {
    }

    private final Map<String, Open> open = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Consumer<Map<TopicPartition, OffsetAndMetadata>> commit;

    /** Offsets to be committed by {@code commit} (tests); see {@link #of(KafkaClientService, String)}. */
    public JobOffsets(Consumer<Map<TopicPartition, OffsetAndMetadata>> commit) {
        this.commit = commit;
    }

    /**
     * Offsets committed through the channel's own consumer. A failed commit is only logged: the next ended job
     * commits past it, and until then a restart reads a little more again, which the ledger makes harmless.
     */
    public static JobOffsets of(KafkaClientService clients, String channel) {
        return new JobOffsets(offsets -> {
            try {
                clients.getConsumer(channel).commit(offsets).await().atMost(COMMIT_TIMEOUT);
            } catch (RuntimeException e) {
                LOG.warning("could not commit " + offsets + " on " + channel + ": " + e.getMessage());
            }
        });
    }

    public void seen(String jobId, ConsumerRecord<?, ?> record) {
        seen(jobId, new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    /** Ends the job at this record and commits what that allows. */
    public void ended(String jobId, ConsumerRecord<?, ?> record) {
        ended(jobId, new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    /** Ends the job at this position and commits what that allows. */
    public void ended(String jobId, TopicPartition partition, long offset) {
        Map<TopicPartition, OffsetAndMetadata> safe = commitPoint(jobId, partition, offset);
        if (!safe.isEmpty()) {
            commit.accept(safe);
        }
    }

    /** Records that {@code jobId} has a record at this position; its first such record pins the commit point. */
    public synchronized void seen(String jobId, TopicPartition partition, long offset) {
        open.merge(jobId, new Open(partition, offset),
                (known, next) -> known.partition().equals(partition) && next.first() < known.first() ? next : known);
    }

    /**
     * Ends a job whose last record is at this position and whose output is durable; returns the offset to commit, or
     * an empty map when an older job still holds the partition back to where it was already committed.
     */
    synchronized Map<TopicPartition, OffsetAndMetadata> commitPoint(String jobId, TopicPartition partition,
                                                                    long offset) {
        open.remove(jobId);
        long safe = offset + 1;
        for (Open job : open.values()) {
            if (job.partition().equals(partition)) {
                safe = Math.min(safe, job.first());
            }
        }
        Long before = committed.get(partition);
        if (before != null && before >= safe) {
            return Map.of();
        }
        committed.put(partition, safe);
        return Map.of(partition, new OffsetAndMetadata(safe));
    }

    /** Jobs with records handled and no end yet. */
    public synchronized int openJobs() {
        return open.size();
    }
}
