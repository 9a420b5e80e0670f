package io.gitlore.embedder.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.messaging.JobEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes the embedding stage's job events (accepted, progress, completed, failed) to the events topic. */
@ApplicationScoped
public class EmbedderEvents {

    public static final String STAGE = "embed";

    private final JobEvents events;

    public EmbedderEvents(@Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> emitter) {
        this.events = new JobEvents(emitter, STAGE);
    }

    public JobEvents events() {
        return events;
    }
}
