package io.gitlore.embedder.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.gitlore.embedder.store.StoreRetryPolicy;
import io.gitlore.embedder.store.VectorStore;
import org.jboss.logging.Logger;

/**
 * Runs the stage's store calls under the {@link StoreRetryPolicy}: takes a call and the job it is for, returns its
 * result once the store has answered, and reports each outage on the job (its counter and the listener's event).
 */
final class StoreCalls {

    private static final Logger LOG = Logger.getLogger(StoreCalls.class);

    private final VectorStore store;
    private final StoreRetryPolicy retry;
    private final PipelineListener listener;

    StoreCalls(VectorStore store, StoreRetryPolicy retry, PipelineListener listener) {
        this.store = store;
        this.retry = retry;
        this.listener = listener;
    }

    VectorStore store() {
        return store;
    }

    <T> T get(JobStats job, Supplier<T> call) {
        List<T> result = new ArrayList<>(1);
        retry.run(() -> {
            result.clear();
            result.add(call.get());
        }, (attempt, retryIn, e) -> {
            job.storeRetries++;
            LOG.warnf("vector store %s unavailable (attempt %d), retrying in %s: %s", store.name(), attempt,
                    retryIn, e.getMessage());
            if (job.jobId() != null) {
                listener.storeUnavailable(job.jobId(), attempt, retryIn, e.getMessage());
            }
        });
        return result.get(0);
    }

    void run(JobStats job, Runnable call) {
        get(job, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }
}
