package io.gitlore.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Test-side topic access through the {@link KafkaCompanion} a test already has: produces raw records (one producer
 * per batch) and reads a topic from its beginning until a condition holds, failing loudly on timeout (never returning
 * a partial answer as if it were complete).
 */
public final class TopicReader {

    private static final Duration PRODUCE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaCompanion kafka;

    public TopicReader(KafkaCompanion kafka) {
        this.kafka = kafka;
    }

    public void produce(String topic, String key, byte[] value) {
        produce(topic, key, List.of(value));
    }

    /** Sends {@code values} in order, all under {@code key}, and waits until every one is acknowledged. */
    public void produce(String topic, String key, List<byte[]> values) {
        kafka.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(values.stream().map(v -> new ProducerRecord<>(topic, key, v)).toList())
                .awaitCompletion(PRODUCE_TIMEOUT);
    }

    /** Raw records of {@code topic}, read from the beginning until {@code done} accepts the list so far. */
    public List<ConsumerRecord<String, byte[]>> readRaw(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                        Duration timeout) {
        return read(topic, new ByteArrayDeserializer(), done, timeout);
    }

    public <T> List<ConsumerRecord<String, T>> read(String topic, Deserializer<T> values,
                                                    Predicate<List<ConsumerRecord<String, T>>> done,
                                                    Duration timeout) {
        // The companion's consumer starts at the earliest offset under a fresh group: the topic from its beginning.
        try (ConsumerTask<String, T> task = kafka.consumeWithDeserializers(new StringDeserializer(), values)
                .fromTopics(topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                List<ConsumerRecord<String, T>> seen = List.copyOf(task.getRecords());
                if (done.test(seen)) {
                    return seen;
                }
                KafkaCompanion.sleep(POLL);
            }
            throw new AssertionError("timed out after " + timeout + " reading " + topic + "; read " + task.count()
                    + " records");
        }
    }
}
