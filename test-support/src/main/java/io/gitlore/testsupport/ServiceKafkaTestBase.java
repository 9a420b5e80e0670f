package io.gitlore.testsupport;

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
        return new TopicReader(kafka.getBootstrapServers());
    }

    @Test
    void healthReportsKafkaAndTheDataDirectoryAndMetricsAreExposed() throws Exception {
        ServiceEndpoints.assertHealthyWithMetrics(ready, metrics);
    }
}
