package io.gitlore.gateway.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.job.JobIds;
import io.gitlore.gateway.service.JobRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes every stage's job events and stores them (each once, by id); the offset is committed after the store
 * has the event. A payload that is not a job event, or lacks a stage, a type or a usable job id, is dead-lettered
 * with its bytes.
 */
@ApplicationScoped
public class JobEventConsumer {

    private final JobRecorder recorder;
    private final MeterRegistry meters;

    public JobEventConsumer(JobRecorder recorder, MeterRegistry meters) {
        this.recorder = recorder;
        this.meters = meters;
    }

    @Incoming(Channels.JOB_EVENTS_IN)
    @Blocking
    public void onEvent(byte[] payload) {
        JobEvent event = Json.readMessage(payload, JobEvent.class, "job event", JobEvent::jobId);
        if (event.stage() == null || event.stage().isBlank() || event.type() == null) {
            throw new IllegalArgumentException("job event of job " + event.jobId() + " without a stage or a type");
        }
        if (!JobIds.isValid(event.jobId())) {
            throw new IllegalArgumentException("job event with an unusable job id '" + event.jobId() + "'");
        }
        if (recorder.event(event)) {
            meters.counter("gitlore.gateway.job.events", "stage", event.stage(),
                    "type", event.type().name().toLowerCase(java.util.Locale.ROOT)).increment();
        }
    }
}
