package io.gitlore.embedder.store;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.faulttolerance.api.Guard;

/**
 * The service's one retry policy for vector-store writes, a SmallRye Fault Tolerance {@link Guard}: takes an action
 * that throws {@link StoreUnavailableException} while the store is down, and runs it again after an exponential
 * backoff (initial, doubling, capped) until it succeeds or the retries run out; any other failure passes at once.
 */
public final class StoreRetryPolicy {

    /** The policy's numbers; {@code maxRetries} -1 retries until the store is back. Errors name the settings. */
    public record Settings(Duration initialBackoff, Duration maxBackoff, int maxRetries) {
        public Settings {
            if (initialBackoff.isNegative() || initialBackoff.isZero()) {
                throw new IllegalArgumentException("gitlore.embedder.store-initial-backoff must be positive, not "
                        + initialBackoff);
            }
            if (maxBackoff.compareTo(initialBackoff) <= 0) {
                throw new IllegalArgumentException("gitlore.embedder.store-max-backoff (" + maxBackoff
                        + ") must be longer than gitlore.embedder.store-initial-backoff (" + initialBackoff + ")");
            }
            if (maxRetries < -1) {
                throw new IllegalArgumentException("gitlore.embedder.store-max-retries must be -1 (until the store "
                        + "is back) or more, not " + maxRetries);
            }
        }
    }

    /** Hears of each failed attempt that will be retried, before the pause. */
    @FunctionalInterface
    public interface Observer {
        void retrying(int attempt, Duration retryIn, StoreUnavailableException cause);
    }

    private final Settings settings;
    private final Guard guard;

    public StoreRetryPolicy(Settings settings) {
        this.settings = settings;
        this.guard = Guard.create()
                .withDescription("vector store write")
                .withRetry()
                .retryOn(StoreUnavailableException.class)
                .maxRetries(settings.maxRetries())
                .delay(settings.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                // The library's defaults (180 s, 200 ms jitter) would end an outage wait and blur the pacing.
                .maxDuration(0, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(settings.maxBackoff().toMillis(), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Runs the action under the policy. When the retries run out, the store's last failure is thrown with the
     * number of attempts; an interrupt during a pause leaves the thread interrupted and throws at once.
     */
    public void run(Runnable action, Observer observer) {
        AtomicInteger attempts = new AtomicInteger();
        try {
            guard.call(() -> {
                int attempt = attempts.incrementAndGet();
                try {
                    action.run();
                    return null;
                } catch (StoreUnavailableException e) {
                    if (settings.maxRetries() < 0 || attempt <= settings.maxRetries()) {
                        observer.retrying(attempt, backoffAfter(attempt), e);
                    }
                    throw e;
                }
            }, Void.class);
        } catch (StoreUnavailableException e) {
            throw new StoreUnavailableException("vector store unavailable: failed " + attempts.get() + " times, last: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the vector store", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // The action is a Runnable: only the library itself could throw a checked exception here.
            throw new IllegalStateException("retrying a vector store write failed: " + e.getMessage(), e);
        }
    }

    /** The pause the policy takes after the given failed attempt (no jitter: exactly this). */
    Duration backoffAfter(int attempt) {
        Duration backoff = settings.initialBackoff();
        for (int i = 1; i < attempt && backoff.compareTo(settings.maxBackoff()) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff;
    }
}
