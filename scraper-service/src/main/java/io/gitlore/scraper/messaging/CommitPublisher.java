package io.gitlore.scraper.messaging;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a job's commit stream to {@code gitlore.commits.v1} keyed by repository id (one partition, history order),
 * with at most a bounded number of records awaiting the broker's acknowledgement.
 */
@ApplicationScoped
public class CommitPublisher {

    private final Emitter<CommitStreamItem> emitter;

    public CommitPublisher(@Channel(Channels.COMMITS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) Emitter<CommitStreamItem> emitter) {
        this.emitter = emitter;
    }

    /** A per-job session: {@link #send} blocks while too many records are unacknowledged. */
    public Session open(int maxInFlight) {
        return new Session(maxInFlight);
    }

    public final class Session {
        private final int permits;
        private final Semaphore inFlight;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Session(int permits) {
            this.permits = permits;
            this.inFlight = new Semaphore(permits);
        }

        public void send(CommitStreamItem item) {
            throwIfFailed();
            inFlight.acquireUninterruptibly();
            Message<CommitStreamItem> message = Message.of(item)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(item.repositoryId()).build())
                    .withAck(() -> {
                        inFlight.release();
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    })
                    .withNack(error -> {
                        failure.compareAndSet(null, error);
                        inFlight.release();
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    });
            emitter.send(message);
        }

        /** Waits until every record sent is acknowledged; throws if any was refused. */
        public void awaitAcks(long timeoutSeconds) throws InterruptedException {
            if (!inFlight.tryAcquire(permits, timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Kafka did not acknowledge the commit records within "
                        + timeoutSeconds + " s");
            }
            inFlight.release(permits);
            throwIfFailed();
        }

        private void throwIfFailed() {
            Throwable error = failure.get();
            if (error != null) {
                throw new IllegalStateException("Kafka refused a commit record: " + error.getMessage(), error);
            }
        }
    }
}
