package io.gitlore.contracts.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.Json;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes one stage's job lifecycle events to {@code gitlore.jobs.events.v1}, keyed by job id. */
public final class JobEvents {

    private final Emitter<JobEvent> emitter;
    private final String stage;

    public JobEvents(Emitter<JobEvent> emitter, String stage) {
        this.emitter = emitter;
        this.stage = stage;
    }

    public void publish(String jobId, JobEventType type, long done, long total, String message,
                        Map<String, Object> details) {
        JobEvent event = JobEvent.of(jobId, stage, type, done, total, message, details);
        emitter.send(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(jobId).build()));
    }

    /** A record as JSON-friendly event details. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> details(Object record) {
        return new LinkedHashMap<>(Json.MAPPER.convertValue(record, Map.class));
    }
}
