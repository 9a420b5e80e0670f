package io.gitlore.contracts.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.gitlore.contracts.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a stage has already published for a job, so that a job run again (after a crash, a redelivery or a
 * rebalance) sends only what is missing and its output topic holds each message once. At a job's first run it
 * records the output topic's end offsets in {@code <data>/jobs/<job>/ledger/<stage>.offsets}; on a later run it reads
 * the topic from there and gives the ids of the job's messages found, and the last of them.
 */
public final class OutputLedger {

    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    /** The job's messages already on the topic: their ids and the last one (null when there is none). */
    public record Sent<T>(Set<String> ids, T last) {
        public static <T> Sent<T> nothing() {
            return new Sent<>(Set.of(), null);
        }

        public boolean contains(String id) {
            return ids.contains(id);
        }
    }

    private final Map<String, Object> kafka;
    private final String topic;
    private final Path dataDir;
    private final String stage;

    /** {@code kafka}: the service's client configuration (bootstrap servers, security); a private reader is made. */
    public OutputLedger(Map<String, Object> kafka, String topic, Path dataDir, String stage) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        this.dataDir = dataDir;
        this.stage = stage;
    }

    /**
     * Opens a job before its first message is sent: on the first run records where the job's output starts and
     * gives nothing; on a later run gives what the earlier runs published.
     */
    public <T> Sent<T> open(String jobId, Class<T> type, Function<T, String> jobOf, Function<T, String> idOf) {
        Path mark = dataDir.resolve("jobs").resolve(jobId).resolve("ledger").resolve(stage + ".offsets");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            if (!Files.isRegularFile(mark)) {
                write(mark, consumer.endOffsets(partitions));
                return Sent.nothing();
            }
            return read(consumer, partitions, readMark(mark), jobId, type, jobOf, idOf);
        } catch (IOException e) {
            throw new UncheckedIOException("the ledger " + mark + " of job " + jobId + " failed: " + e.getMessage(), e);
        }
    }

    private <T> Sent<T> read(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                             Map<Integer, Long> from, String jobId, Class<T> type, Function<T, String> jobOf,
                             Function<T, String> idOf) {
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions);
        for (TopicPartition p : partitions) {
            consumer.seek(p, Math.max(start.get(p), Math.min(end.get(p), from.getOrDefault(p.partition(), 0L))));
        }
        Set<String> ids = new HashSet<>();
        T last = null;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (!reachedEnd(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + READ_TIMEOUT);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                    continue;
                }
                T item = parse(r.value(), type);
                if (item != null && jobId.equals(jobOf.apply(item))) {
                    ids.add(idOf.apply(item));
                    last = item;
                }
            }
        }
        return new Sent<>(ids, last);
    }

    private static boolean reachedEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Poison on the topic is some other message's problem (the consumers dead-letter it): skip it here. */
    private static <T> T parse(byte[] value, Class<T> type) {
        try {
            return value == null ? null : Json.read(value, type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, READ_TIMEOUT)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void write(Path mark, Map<TopicPartition, Long> end) throws IOException {
        StringBuilder lines = new StringBuilder();
        end.forEach((p, offset) -> lines.append(p.partition()).append(' ').append(offset).append('\n'));
        Files.createDirectories(mark.getParent());
        Path tmp = mark.resolveSibling(mark.getFileName() + ".tmp");
        Files.writeString(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, mark, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<Integer, Long> readMark(Path mark) throws IOException {
        Map<Integer, Long> from = new HashMap<>();
        for (String line : Files.readAllLines(mark, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2) {
                from.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            }
        }
        return from;
    }
}
