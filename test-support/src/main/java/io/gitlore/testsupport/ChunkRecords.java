package io.gitlore.testsupport;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkRecordBuilder;

/**
 * Chunk records for tests: a new Rust function with a plausible value in every field, as a builder on which a test
 * sets only what it is about.
 */
public final class ChunkRecords {

    private ChunkRecords() {
    }

    /**
     * A new function {@code unit} in {@code src/lib.rs} of job {@code job}, repository {@code repo}, whose code is
     * {@code code}: commit {@code c0ffee<chunkId>} (index 1) by {@code ada} on 2024-01-01, content hash
     * {@code hash-<chunkId>}, about a quarter of the code's characters in tokens.
     */
    public static ChunkRecordBuilder function(String chunkId, String code) {
        return ChunkRecord.builder()
                .jobId("job").repositoryId("repo").chunkId(chunkId).commit("c0ffee" + chunkId).commitIndex(1)
                .path("src/lib.rs").language("rust").kind(ChunkKind.FUNCTION).unitType("function_item")
                .name("unit").qualifiedName("unit")
                .startLine(1).endLine(code.split("\n", -1).length)
                .newCode(code).hunks(List.of()).additions(3).deletions(0).complexityAfter(1)
                .changeType(ChangeKind.NEW_FUNCTION)
                .author("ada").authorEmail("ada@example.com").time(Instant.parse("2024-01-01T00:00:00Z"))
                .subject("subject of " + chunkId).otherFiles(List.of())
                .tokens(code.length() / 4).contentHash("hash-" + chunkId);
    }

    /** {@link #function(String, String)} of the given job and repository, at {@code path}. */
    public static ChunkRecord chunk(String jobId, String repositoryId, String chunkId, String path, String code) {
        return function(chunkId, code).jobId(jobId).repositoryId(repositoryId).path(path).build();
    }
}
