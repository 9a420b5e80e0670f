package io.gitlore.local.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.gitlore.local.stack.StackException;

/**
 * Asks the gateway one search every two seconds while a job runs and tells the {@link Timeline} when the first hit
 * came back: the "searchable after" figure of the pipeline benchmark.
 */
public final class SearchProbe implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "search-probe");
        t.setDaemon(true);
        return t;
    });

    private SearchProbe() {
    }

    public static SearchProbe start(GatewayClient gateway, String repositoryId, String query, Timeline timeline) {
        SearchProbe probe = new SearchProbe();
        probe.timer.scheduleWithFixedDelay(() -> {
            try {
                Map<String, Object> answer = gateway.search(repositoryId, query, 1);
                if (answer.get("hits") instanceof List<?> hits && !hits.isEmpty()) {
                    timeline.firstSearchHit(Instant.now());
                    probe.timer.shutdown();
                }
            } catch (StackException e) {
                // Nothing indexed yet (404/503 until the first points land): ask again.
            }
        }, 0, 2, TimeUnit.SECONDS);
        return probe;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
