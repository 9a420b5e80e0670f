package io.gitlore.contracts.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one record with a Kafka key through an {@link Emitter} and returns only once the broker has acknowledged it
 * (or throws with the broker's refusal), so the input that produced it is committed only after it is durable.
 */
public final class AckedSend {

    private AckedSend() {
    }

    public static <T> void send(Emitter<T> emitter, String key, T payload, Duration timeout) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    acked.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        acked.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }
}
