package io.gitlore.testsupport;

import java.nio.charset.StandardCharsets;

import io.gitlore.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assertions;

import java.net.URL;
import java.time.Duration;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.Test;

/**
 * What every service's {@code @QuarkusTest} against the embedded broker shares: the companion the
 * {@link KafkaTestResource} injects, a {@link TopicReader} on it, and the health and metrics check.
 */
public abstract class ServiceKafkaTestBase {

    protected static final Duration WAIT = Duration.ofSeconds(60);

    @InjectKafkaCompanion
    protected KafkaCompanion kafka;

    @TestHTTPResource("/q/health/ready")
    protected URL ready;

    @TestHTTPResource("/q/metrics")
    protected URL metrics;

    protected TopicReader topics() {
        return new TopicReader(kafka);
    }

    /**
     * Produces a payload that is not a valid message to {@code topic} and returns what the consumer dead-lettered,
     * after checking that the original bytes were kept.
     */
    protected ConsumerRecord<String, byte[]> assertDeadLettered(String topic, String consumer, String poison) {
        topics().produce(topic, "poison", poison.getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> dead = topics().readRaw(Topics.deadLetter(topic, consumer),
                records -> !records.isEmpty(), WAIT).get(0);
        Assertions.assertEquals(poison, new String(dead.value(), StandardCharsets.UTF_8), "original bytes kept");
        return dead;
    }

    @Test
    void healthReportsKafkaAndTheDataDirectoryAndMetricsAreExposed() throws Exception {
        ServiceEndpoints.assertHealthyWithMetrics(ready, metrics);
    }
}
