package io.gitlore.gateway.messaging;

import java.time.Duration;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.messaging.AckedSend;
import io.gitlore.contracts.scrape.ScrapeRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

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
        AckedSend.send(requests, request.jobId(), request, timeout);
    }

    /** Returns once the broker has the control request; throws as {@link #scrape} does. */
    public void control(JobControl request, Duration timeout) {
        AckedSend.send(control, request.jobId(), request, timeout);
    }
}
