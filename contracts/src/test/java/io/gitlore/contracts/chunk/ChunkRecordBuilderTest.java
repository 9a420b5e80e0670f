package io.gitlore.contracts.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.serde.Json;
import org.junit.jupiter.api.Test;

class ChunkRecordBuilderTest {

    /** Every component a distinct value, in the canonical constructor's order. */
    private static final ChunkRecord POSITIONAL = new ChunkRecord("job", "repo", "id", "c0ffee", 7, "src/a.rs", "rust",
            ChunkKind.METHOD, "function_item", "f", "crate::A::f", 10, 20, 11, 21, "old", "new",
            new BlobRef("o", 1), new BlobRef("n", 2), List.of("@@ -1 +1 @@"), 3, 4, 5, 6, ChangeKind.BUG_FIX, "Ada",
            "ada@example.com", Instant.parse("2024-01-01T00:00:00Z"), "Fix f", List.of("src/b.rs"), 42, "hash",
            "dup", "near", 1, true, true);

    @Test
    void theBuilderNamesEachComponentOfTheCanonicalConstructor() {
        ChunkRecord built = ChunkRecord.builder()
                .jobId("job").repositoryId("repo").chunkId("id").commit("c0ffee").commitIndex(7)
                .path("src/a.rs").language("rust").kind(ChunkKind.METHOD).unitType("function_item").name("f")
                .qualifiedName("crate::A::f").startLine(10).endLine(20).oldStartLine(11).oldEndLine(21)
                .oldCode("old").newCode("new").oldCodeRef(new BlobRef("o", 1)).newCodeRef(new BlobRef("n", 2))
                .hunks(List.of("@@ -1 +1 @@")).additions(3).deletions(4).complexityBefore(5).complexityAfter(6)
                .changeType(ChangeKind.BUG_FIX).author("Ada").authorEmail("ada@example.com")
                .time(Instant.parse("2024-01-01T00:00:00Z")).subject("Fix f").otherFiles(List.of("src/b.rs"))
                .tokens(42).contentHash("hash").duplicateOf("dup").nearDuplicateOf("near").redactions(1)
                .parseFallback(true).snapshot(true)
                .build();
        assertEquals(POSITIONAL, built);
        assertEquals(POSITIONAL, POSITIONAL.toBuilder().build());
        assertEquals("other", POSITIONAL.toBuilder().jobId("other").build().jobId());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWireFormHoldsTheComponentsAndTheTypeOnly() {
        Map<String, Object> json = Json.read(Json.write(POSITIONAL), Map.class);
        TreeSet<String> expected = new TreeSet<>(Arrays.stream(ChunkRecord.class.getRecordComponents())
                .map(c -> c.getName()).toList());
        expected.add("type");
        assertEquals(expected, new TreeSet<>(json.keySet()));
        assertEquals(POSITIONAL, Json.read(Json.write(POSITIONAL), ChunkStreamItem.class));
    }
}
