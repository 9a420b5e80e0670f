package io.gitlore.chunker.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.messaging.BoundedSender;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Sends a job's chunks and its closing stats to {@code gitlore.chunks.v1}, keyed by repository id. */
@ApplicationScoped
public class ChunkPublisher {

    private final Emitter<ChunkStreamItem> emitter;

    public ChunkPublisher(@Channel(Channels.CHUNKS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 8192) Emitter<ChunkStreamItem> emitter) {
        this.emitter = emitter;
    }

    public BoundedSender<ChunkStreamItem> open(int maxInFlight) {
        return new BoundedSender<>(emitter, ChunkStreamItem::repositoryId, maxInFlight);
    }
}
