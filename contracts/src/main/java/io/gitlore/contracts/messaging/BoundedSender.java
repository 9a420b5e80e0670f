package io.gitlore.contracts.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one job's records through an {@link Emitter} with a Kafka key per record, blocking while too many are
 * unacknowledged, and remembering the first refusal so the job fails instead of losing records silently. A job run
 * again leaves out what its earlier run already published ({@link #without}).
 */
public final class BoundedSender<T> {

    private final Emitter<T> emitter;
    private final Function<T, String> key;
    private final int permits;
    private final Semaphore inFlight;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Predicate<T> alreadySent;

    public BoundedSender(Emitter<T> emitter, Function<T, String> key, int maxInFlight) {
        this(emitter, key, maxInFlight, item -> false);
    }

    private BoundedSender(Emitter<T> emitter, Function<T, String> key, int maxInFlight, Predicate<T> alreadySent) {
        this.emitter = emitter;
        this.key = key;
        this.permits = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.alreadySent = alreadySent;
    }

    /** A sender for the same topic that skips the items an earlier run of the job published already. */
    public BoundedSender<T> without(Predicate<T> sent) {
        return new BoundedSender<>(emitter, key, permits, sent);
    }

    public void send(T item) {
        throwIfFailed();
        if (alreadySent.test(item)) {
            return;
        }
        inFlight.acquireUninterruptibly();
        emitter.send(Message.of(item)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key.apply(item)).build())
                .withAck(() -> {
                    inFlight.release();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    failure.compareAndSet(null, error);
                    inFlight.release();
                    return CompletableFuture.completedFuture(null);
                }));
    }

    /** Waits until every record sent is acknowledged; throws if any was refused. */
    public void awaitAcks(long timeoutSeconds) throws InterruptedException {
        if (!inFlight.tryAcquire(permits, timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Kafka did not acknowledge the records within " + timeoutSeconds + " s");
        }
        inFlight.release(permits);
        throwIfFailed();
    }

    private void throwIfFailed() {
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("Kafka refused a record: " + error.getMessage(), error);
        }
    }
}
