package io.gitlore.contracts.serde;

import io.gitlore.contracts.chunk.ChunkStreamItem;

/** Reads chunk records and chunking stats from {@code gitlore.chunks.v1}. */
public class ChunkStreamDeserializer extends JsonDeserializer<ChunkStreamItem> {
    public ChunkStreamDeserializer() {
        super(ChunkStreamItem.class);
    }
}
