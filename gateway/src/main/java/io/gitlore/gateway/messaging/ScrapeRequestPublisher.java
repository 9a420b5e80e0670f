package io.gitlore.gateway.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes scrape requests on {@code gitlore.scrape.requested.v1} (key = job id) and waits for the broker's ack. */
@ApplicationScoped
public class ScrapeRequestPublisher {

    private final Emitter<ScrapeRequest> requests;

    public ScrapeRequestPublisher(@Channel(Channels.SCRAPE_REQUESTS_OUT) Emitter<ScrapeRequest> requests) {
        this.requests = requests;
    }

    /** Returns once the broker has the request; throws when it refused it or did not answer within {@code timeout}. */
    public void publish(ScrapeRequest request, Duration timeout) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        requests.send(Message.of(request)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(request.jobId()).build())
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
