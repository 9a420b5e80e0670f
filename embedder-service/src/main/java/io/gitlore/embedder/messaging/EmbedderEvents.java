package io.gitlore.embedder.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.messaging.JobEvents;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the embedding stage's job events (accepted, progress, text searchable, vectors, completed, failed) to the
 * events topic.
 */
@ApplicationScoped
public class EmbedderEvents {

    public static final String STAGE = "embed";

    private final JobEvents events;
    private final Emitter<JobEvent> emitter;

    public EmbedderEvents(@Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> emitter) {
        this.events = new JobEvents(emitter, STAGE);
        this.emitter = emitter;
    }

    public JobEvents events() {
        return events;
    }

    /**
     * A PROGRESS event counted in its own units ({@code kind}: the job's text searchable, vectors computed): its id
     * is derived from the kind as well, so it never shares one with a chunk-count progress of the same {@code done}
     * (consumers drop an event whose id they have seen).
     */
    public void progress(String kind, String jobId, long done, long total, String message,
                         Map<String, Object> details) {
        String id = UUID.nameUUIDFromBytes((jobId + "|" + STAGE + "|" + kind + "|" + done)
                .getBytes(StandardCharsets.UTF_8)).toString();
        JobEvent event = new JobEvent(id, jobId, STAGE, JobEventType.PROGRESS, done, total, message, Instant.now(),
                details);
        emitter.send(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(jobId)
                .build()));
    }
}
