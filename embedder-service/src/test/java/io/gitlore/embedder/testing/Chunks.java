package io.gitlore.embedder.testing;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.chunk.ChunkRecord;

/** Builds chunk records for embedder tests. */
public final class Chunks {

    private Chunks() {
    }

    public static ChunkRecord chunk(String jobId, String repo, String chunkId, String path, String language,
                                    ChunkKind kind, String name, String code, String author, Instant time,
                                    String duplicateOf) {
        return new ChunkRecord(jobId, repo, chunkId, "c0ffee" + chunkId, 1, path, language, kind, "function_item",
                name, name, 1, code.split("\n", -1).length, 0, 0, null, code, null, null, List.of(), 3, 0, null, 1,
                ChangeKind.NEW_FUNCTION, author, author + "@example.com", time, "subject of " + chunkId, List.of(),
                code.length() / 4, "hash-" + chunkId, duplicateOf, null, 0, false, false);
    }

    public static ChunkRecord chunk(String jobId, String repo, String chunkId, String path, String code) {
        return chunk(jobId, repo, chunkId, path, "rust", ChunkKind.FUNCTION, "unit", code, "ada",
                Instant.parse("2024-01-01T00:00:00Z"), null);
    }
}
