package io.gitlore.gateway.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.gitlore.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumer lag of the gateway's own consumer groups and the stages' ({@code gitlore.gateway.lag-groups}): with the
 * Kafka admin client, each group's committed offsets against the end offsets of the same partitions, summed per
 * topic, as the gauge {@code gitlore_gateway_consumer_lag{group,topic}} (records not yet processed). Refreshed on a
 * schedule, so a scrape of /q/metrics never waits on the broker; a group with no committed offsets has no rows.
 */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One group's lag on one topic. */
    public record Lag(String group, String topic, long records) {
    }

    private final Admin admin;
    private final List<String> groups;
    private final MultiGauge gauge;

    public ConsumerLag(GatewayConfig config, MeterRegistry meters,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.groups = config.lagGroups();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.CLIENT_ID_CONFIG, "gitlore-gateway-lag"));
        this.gauge = MultiGauge.builder("gitlore.gateway.consumer.lag")
                .description("Records on a topic a consumer group has not committed yet").register(meters);
    }

    @Scheduled(every = "15s", delay = 5, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh();
    }

    /** Reads every group's lag now and puts it in the gauge; a broker that does not answer leaves the last values. */
    public synchronized List<Lag> refresh() {
        List<Lag> lags = new ArrayList<>();
        try {
            for (String group : groups) {
                lags.addAll(lag(group));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debugf("consumer lag not refreshed: %s", e.toString());
            return List.of();
        }
        gauge.register(lags.stream().map(l -> MultiGauge.Row.of(Tags.of("group", l.group(), "topic", l.topic()),
                l.records())).collect(Collectors.toList()), true);
        return lags;
    }

    private List<Lag> lag(String group) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        committed.values().removeIf(java.util.Objects::isNull);
        if (committed.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, OffsetSpec> ends = committed.keySet().stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(ends).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> perTopic = new TreeMap<>();
        committed.forEach((partition, offset) -> perTopic.merge(partition.topic(),
                Math.max(0, latest.get(partition).offset() - offset.offset()), Long::sum));
        return perTopic.entrySet().stream().map(e -> new Lag(group, e.getKey(), e.getValue())).toList();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
