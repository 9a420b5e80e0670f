package io.gitlore.gateway.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes what the gateway asks of the stages, keyed by job id, and waits for the broker's ack: scrape requests on
 * {@code gitlore.scrape.requested.v1}, control requests (cancel) on {@code gitlore.jobs.control.v1}.
 */
@ApplicationScoped
public class JobPublisher {

    private final Emitter<ScrapeRequest> requests;
    private final Emitter<JobControl> control;

    public JobPublisher(@Channel(Channels.SCRAPE_REQUESTS_OUT) Emitter<ScrapeRequest> requests,
                        @Channel(Channels.JOB_CONTROL_OUT) Emitter<JobControl> control) {
        this.requests = requests;
        this.control = control;
    }

    /** Returns once the broker has the request; throws when it refused it or did not answer within {@code timeout}. */
    public void scrape(ScrapeRequest request, Duration timeout) {
        send(requests, request, request.jobId(), timeout);
    }

    /** Returns once the broker has the control request; throws as {@link #scrape} does. */
    public void control(JobControl request, Duration timeout) {
        send(control, request, request.jobId(), timeout);
    }

    private static <T> void send(Emitter<T> emitter, T payload, String key, Duration timeout) {
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
