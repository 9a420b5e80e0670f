package io.gitlore.gateway.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.service.JobStatus;
import io.gitlore.gateway.service.JobView;
import io.gitlore.gateway.store.JobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The jobs the store holds by overall status, as the gauge {@code gitlore_gateway_jobs{status}}; counted once per
 * scrape for all statuses (the gauges of one scrape share the count).
 */
@ApplicationScoped
public class JobGauges {

    private static final long FRESH_NANOS = 1_000_000_000L;

    private final JobStore store;
    private final GatewayConfig config;
    private Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    private long countedAt;

    public JobGauges(JobStore store, GatewayConfig config) {
        this.store = store;
        this.config = config;
    }

    void register(@Observes StartupEvent start, MeterRegistry meters) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("gitlore.gateway.jobs", this, g -> g.count(status))
                    .description("Jobs in the gateway's store by overall status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT)).register(meters);
        }
    }

    private synchronized double count(JobStatus status) {
        if (System.nanoTime() - countedAt > FRESH_NANOS) {
            Map<JobStatus, Long> now = new EnumMap<>(JobStatus.class);
            store.all().forEach(job -> now.merge(JobView.of(job, config.stages()).status(), 1L, Long::sum));
            counts = now;
            countedAt = System.nanoTime();
        }
        return counts.getOrDefault(status, 0L);
    }
}
