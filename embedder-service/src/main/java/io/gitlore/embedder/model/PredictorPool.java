package io.gitlore.embedder.model;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import org.jboss.logging.Logger;

/**
 * Lends a loaded model's DJL predictors to one caller at a time and keeps the model's native memory alive while any
 * call runs: DJL predictors are not thread-safe, and closing the model while a thread is inside ONNX Runtime frees
 * the session under it (the embedder died with SIGSEGV in {@code OrtSession.run} when the service shut down while
 * the consumer was embedding). Every native call (inference and tokenization) runs inside {@link #guard}; a
 * {@link #close} waits for the calls in flight, refuses new ones with {@link EmbedderClosedException} and only then
 * frees the model.
 */
final class PredictorPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PredictorPool.class);
    /** How long a close waits for the calls in flight (one inference batch) before it gives up freeing memory. */
    private static final long CLOSE_WAIT_SECONDS = 120;

    private final String modelId;
    private final ZooModel<NDList, NDList> model;
    private final BlockingQueue<Predictor<NDList, NDList>> idle;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    PredictorPool(String modelId, ZooModel<NDList, NDList> model, int size) {
        this.modelId = modelId;
        this.model = model;
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(model.newPredictor());
        }
    }

    /** Runs a native call while the model is open; fails at once once a close has begun. */
    <T> T guard(Supplier<T> call) {
        if (closed) {
            throw new EmbedderClosedException(modelId);
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new EmbedderClosedException(modelId);
            }
            return call.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Runs one prediction on a predictor no other thread holds, inside {@link #guard}. */
    NDList predict(NDList inputs) {
        return guard(() -> {
            Predictor<NDList, NDList> predictor;
            try {
                predictor = idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a predictor of " + modelId, e);
            }
            try {
                return predictor.predict(inputs);
            } catch (ai.djl.translate.TranslateException e) {
                throw new IllegalStateException("inference with " + modelId + " failed: " + e.getMessage(), e);
            } finally {
                idle.add(predictor);
            }
        });
    }

    ZooModel<NDList, NDList> model() {
        return model;
    }

    /**
     * Refuses new calls, waits for those in flight, then closes the predictors and the model; the extra close
     * callbacks (the tokenizer) run under the same lock. If calls are still running after the wait, the native
     * memory is left to the process's exit rather than freed under them.
     */
    void close(Runnable alsoClose) {
        closed = true;
        boolean locked;
        try {
            locked = lifecycle.writeLock().tryLock(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            LOG.warnf("embedding model %s: calls still running after %d s; its native memory is not freed",
                    modelId, CLOSE_WAIT_SECONDS);
            return;
        }
        try {
            idle.forEach(Predictor::close);
            idle.clear();
            model.close();
            alsoClose.run();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        close(() -> { });
    }
}
