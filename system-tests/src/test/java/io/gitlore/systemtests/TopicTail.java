package io.gitlore.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.gitlore.contracts.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from its start as it grows (it may not exist yet) and keeps every record in order with its parsed
 * value, or null for a payload that does not parse (the poison the suite sends). It assigns itself the partitions
 * rather than joining a group: a restarted broker must not send it back to the start of the topic.
 */
final class TopicTail<T> implements AutoCloseable {

    /** A record as it was on the topic, and what it parsed to. */
    record Entry<T>(ConsumerRecord<String, byte[]> record, T value) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Class<T> type;
    private final List<Entry<T>> entries = new ArrayList<>();

    TopicTail(String bootstrap, String topic, Class<T> type) {
        this.topic = topic;
        this.type = type;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Adds what arrived since the last poll. */
    synchronized void poll(Duration wait) {
        if (consumer.assignment().isEmpty() && !assign()) {
            return;
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
            entries.add(new Entry<>(r, parse(r.value())));
        }
    }

    /** Takes the topic's partitions once it exists; false while it does not. */
    private boolean assign() {
        List<TopicPartition> partitions = new ArrayList<>();
        try {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofMillis(500))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        } catch (TimeoutException e) {
            return false;
        }
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
    }

    private T parse(byte[] value) {
        try {
            return value == null ? null : Json.read(value, type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    synchronized List<Entry<T>> entries() {
        return List.copyOf(entries);
    }

    /** The parsed values that match, in topic order. */
    synchronized List<T> values(Predicate<T> match) {
        List<T> out = new ArrayList<>();
        for (Entry<T> e : entries) {
            if (e.value() != null && match.test(e.value())) {
                out.add(e.value());
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
