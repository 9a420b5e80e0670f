package io.gitlore.gateway.callback;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.service.JobEndListener;
import io.gitlore.gateway.service.JobView;
import io.gitlore.gateway.store.CallbackDelivery;
import io.gitlore.gateway.store.JobStore;
import io.gitlore.gateway.store.StoredJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * When a job with a {@code callbackUrl} ends, POSTs its view there (signed, retried: {@link CallbackSender}) on a
 * pool of its own, off the consumer's thread, and records how it went in the job store; at start, delivers what a
 * stopped gateway left undelivered.
 */
@ApplicationScoped
public class CallbackNotifier implements JobEndListener {

    private static final Logger LOG = Logger.getLogger(CallbackNotifier.class);

    private final JobStore store;
    private final List<String> stages;
    private final CallbackSender sender;
    private final MeterRegistry meters;
    private final ExecutorService pool;

    public CallbackNotifier(JobStore store, GatewayConfig config, MeterRegistry meters) {
        this.store = store;
        this.stages = config.stages();
        this.sender = new CallbackSender(config.callbacks());
        this.meters = meters;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "gateway-callback-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes StartupEvent start) {
        for (StoredJob job : store.all()) {
            JobView view = JobView.of(job, stages);
            if (view.status().finished() && job.submission() != null && job.submission().callbackUrl() != null
                    && job.delivery() == null) {
                LOG.infof("job %s ended before the gateway stopped: delivering its callback now", job.jobId());
                ended(view);
            }
        }
    }

    @Override
    public void ended(JobView job) {
        StoredJob stored = store.find(job.jobId()).orElse(null);
        if (stored == null || stored.submission() == null || stored.submission().callbackUrl() == null) {
            return;
        }
        String url = stored.submission().callbackUrl();
        byte[] body = Json.write(job);
        pool.submit(() -> {
            CallbackDelivery delivery = sender.deliver(job.jobId(), url, body);
            store.recordDelivery(job.jobId(), delivery);
            meters.counter("gitlore.gateway.callbacks", "outcome", delivery.delivered() ? "delivered" : "failed")
                    .increment();
            if (delivery.delivered()) {
                LOG.infof("job %s: callback delivered to %s after %d attempt(s)", job.jobId(), url,
                        delivery.attempts());
            } else {
                LOG.warnf("job %s: callback to %s failed after %d attempt(s): %s", job.jobId(), url,
                        delivery.attempts(), delivery.error());
            }
        });
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
