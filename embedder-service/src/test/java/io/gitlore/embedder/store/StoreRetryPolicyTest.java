package io.gitlore.embedder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The store's retry policy on its own: its pacing, its settings' checks, and an interrupt while it waits. */
class StoreRetryPolicyTest {

    @Test
    void theBackoffDoublesFromTheInitialPauseUpToTheCap() {
        StoreRetryPolicy policy = new StoreRetryPolicy(new StoreRetryPolicy.Settings(Duration.ofSeconds(1),
                Duration.ofSeconds(30), -1));
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L),
                List.of(1, 2, 3, 4, 5, 6, 100).stream().map(a -> policy.backoffAfter(a).toSeconds()).toList());
    }

    @Test
    void aWrongSettingNamesTheProperty() {
        IllegalArgumentException backoffs = assertThrows(IllegalArgumentException.class,
                () -> new StoreRetryPolicy.Settings(Duration.ofSeconds(30), Duration.ofSeconds(30), -1));
        assertTrue(backoffs.getMessage().contains("gitlore.embedder.store-max-backoff"), backoffs.getMessage());
        IllegalArgumentException retries = assertThrows(IllegalArgumentException.class,
                () -> new StoreRetryPolicy.Settings(Duration.ofSeconds(1), Duration.ofSeconds(30), -2));
        assertTrue(retries.getMessage().contains("gitlore.embedder.store-max-retries"), retries.getMessage());
    }

    @Test
    void anInterruptWhileWaitingForTheStoreStopsAtOnceAndKeepsTheThreadInterrupted() {
        StoreRetryPolicy policy = new StoreRetryPolicy(new StoreRetryPolicy.Settings(Duration.ofSeconds(10),
                Duration.ofSeconds(60), -1));
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        try {
            assertThrows(StoreUnavailableException.class, () -> policy.run(() -> {
                attempts.incrementAndGet();
                throw new StoreUnavailableException("down", null);
            }, (attempt, retryIn, e) -> Thread.currentThread().interrupt()));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, attempts.get());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "did not sit out the 10 s pause");
    }
}
