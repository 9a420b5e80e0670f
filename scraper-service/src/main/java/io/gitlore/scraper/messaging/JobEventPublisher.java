package io.gitlore.scraper.messaging;

import java.util.Map;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes the scraper's job lifecycle events to {@code gitlore.jobs.events.v1}, keyed by job id. */
@ApplicationScoped
public class JobEventPublisher {

    public static final String STAGE = "scrape";

    private final Emitter<JobEvent> emitter;

    public JobEventPublisher(@Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> emitter) {
        this.emitter = emitter;
    }

    public void publish(String jobId, JobEventType type, long done, long total, String message,
                        Map<String, Object> details) {
        JobEvent event = JobEvent.of(jobId, STAGE, type, done, total, message, details);
        emitter.send(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(jobId).build()));
    }
}
