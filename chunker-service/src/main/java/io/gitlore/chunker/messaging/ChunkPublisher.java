package io.gitlore.chunker.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.messaging.BoundedSender;
import io.gitlore.contracts.messaging.JobEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends a job's chunks and its closing stats to {@code gitlore.chunks.v1}, keyed by repository id, and the chunk
 * stage's job events to {@code gitlore.jobs.events.v1}.
 */
@ApplicationScoped
public class ChunkPublisher {

    public static final String STAGE = "chunk";

    private final Emitter<ChunkStreamItem> emitter;
    private final JobEvents events;

    public ChunkPublisher(@Channel(Channels.CHUNKS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 8192) Emitter<ChunkStreamItem> emitter,
                          @Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> events) {
        this.emitter = emitter;
        this.events = new JobEvents(events, STAGE);
    }

    public JobEvents events() {
        return events;
    }

    public BoundedSender<ChunkStreamItem> open(int maxInFlight) {
        return new BoundedSender<>(emitter, ChunkStreamItem::repositoryId, maxInFlight);
    }
}
