package io.gitlore.chunker.messaging;

import java.util.Map;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.messaging.JobEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes the chunker's job lifecycle events to {@code gitlore.jobs.events.v1}, keyed by job id. */
@ApplicationScoped
public class JobEventPublisher {

    public static final String STAGE = "chunk";

    private final JobEvents events;

    public JobEventPublisher(@Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> emitter) {
        this.events = new JobEvents(emitter, STAGE);
    }

    public void publish(String jobId, JobEventType type, long done, long total, String message,
                        Map<String, Object> details) {
        events.publish(jobId, type, done, total, message, details);
    }
}
