package io.gitlore.contracts.chunk;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What travels on {@code gitlore.chunks.v1} for one job, in history order on one partition: the {@link ChunkRecord}s,
 * then the {@link ChunkingStats} that end the stream with the exact count.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ChunkRecord.class, name = "chunk"),
        @JsonSubTypes.Type(value = ChunkingStats.class, name = "end")
})
public sealed interface ChunkStreamItem permits ChunkRecord, ChunkingStats {

    String jobId();

    String repositoryId();

    /** Deterministic id of this message: the chunk id for chunks. */
    String messageId();
}
