package io.gitlore.embedder.service;

import java.time.Duration;

/** Hears about an embedding pipeline's progress and outages, to turn them into job events. */
public interface PipelineListener {
    default void stored(JobStats stats) {
    }

    /** Every chunk of the job is stored: keyword search finds all of its text. */
    default void searchable(JobStats stats) {
    }

    /** More of the job's points have their vectors. */
    default void vectors(JobStats stats) {
    }

    default void storeUnavailable(String jobId, int attempt, Duration retryIn, String reason) {
    }

    /** Why the job was cancelled, or null: asked for a finished job before each batch of its vectors. */
    default String cancelled(String jobId) {
        return null;
    }
}
