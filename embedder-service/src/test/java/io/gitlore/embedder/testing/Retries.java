package io.gitlore.embedder.testing;

import java.time.Duration;

import io.gitlore.embedder.store.StoreRetryPolicy;

/** The service's store retry policy for tests and benchmarks: retries until the store is back, on a given clock. */
public final class Retries {

    private Retries() {
    }

    public static StoreRetryPolicy untilBack(long initialMillis, long maxMillis) {
        return new StoreRetryPolicy(new StoreRetryPolicy.Settings(Duration.ofMillis(initialMillis),
                Duration.ofMillis(maxMillis), -1));
    }
}
