package io.gitlore.embedder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.embedder.model.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default store on a real on-disk Lucene index: HNSW vectors, BM25 text, filters, reopen, mismatch. */
class LuceneVectorStoreTest {

    private static final String REPO = "demo-00000000";

    @TempDir
    Path dir;

    @Test
    void storesSearchesFiltersAndSurvivesReopening() {
        try (LuceneVectorStore store = new LuceneVectorStore(dir)) {
            store.ensureCollection(REPO, 4);
            store.upsert(REPO, List.of(
                    point("a", "crates/core/src/lib.rs", "rust", "ada", "2024-01-01T00:00:00Z",
                            "fn parseHeaderLine(line: &str) -> Header { todo!() }", 1, 0, 0, 0),
                    point("b", "crates/core2/src/main.rs", "rust", "bob", "2024-06-01T00:00:00Z",
                            "fn main() { run_search_loop(); }", 0, 1, 0, 0),
                    point("c", "docs/guide.md", "markdown", "ada", "2025-01-01T00:00:00Z",
                            "## Searching\nUse the search command to find headers.", 0, 0, 1, 0)), true);
            // Re-delivery: same ids replace, never duplicate.
            store.upsert(REPO, List.of(point("a", "crates/core/src/lib.rs", "rust", "ada", "2024-01-01T00:00:00Z",
                    "fn parseHeaderLine(line: &str) -> Header { todo!() }", 1, 0, 0, 0)), true);
            assertEquals(3, store.count(REPO));

            List<PointHit> nearest = store.vectorSearch(REPO, unit(0, 1, 0.1f, 0), 3, SearchFilters.NONE);
            assertEquals(PointIds.of("b"), nearest.get(0).id());
            assertEquals("crates/core2/src/main.rs", nearest.get(0).metadata().get("path"));

            // camelCase and snake_case identifiers are split, and "headers" stems to "header".
            List<PointHit> bm25 = store.keywordSearch(REPO, "parse header", 3, SearchFilters.NONE);
            assertEquals(PointIds.of("a"), bm25.get(0).id());
            assertEquals(PointIds.of("b"), store.keywordSearch(REPO, "search loop", 1, SearchFilters.NONE).get(0).id());

            SearchFilters core = new SearchFilters("crates/core", null, null, null, null, null, null, null);
            assertEquals(List.of(PointIds.of("a")), ids(store.vectorSearch(REPO, unit(0, 1, 0, 0), 3, core)));
            SearchFilters adaSince = new SearchFilters(null, null, null, null, "ada",
                    Instant.parse("2024-06-01T00:00:00Z"), null, null);
            assertEquals(List.of(PointIds.of("c")), ids(store.keywordSearch(REPO, "header", 3, adaSince)));
            SearchFilters markdown = new SearchFilters(null, "markdown", null, null, null, null, null, null);
            assertEquals(List.of(PointIds.of("c")), ids(store.vectorSearch(REPO, unit(1, 0, 0, 0), 3, markdown)));
            assertEquals(List.of(), store.keywordSearch(REPO, "the of and", 3, SearchFilters.NONE));
        }
        assertTrue(Files.isDirectory(dir.resolve(REPO)));
        try (LuceneVectorStore reopened = new LuceneVectorStore(dir)) {
            assertEquals(3, reopened.count(REPO));
            assertEquals(PointIds.of("c"), reopened.vectorSearch(REPO, unit(0, 0, 1, 0), 1, SearchFilters.NONE)
                    .get(0).id());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> reopened.ensureCollection(REPO, 384));
            assertTrue(e.getMessage().contains("4-dimensional") && e.getMessage().contains("384"), e.getMessage());
            assertEquals(0, reopened.count("unknown-repo"));
            assertEquals(List.of(), reopened.vectorSearch("unknown-repo", unit(1, 0, 0, 0), 3, SearchFilters.NONE));
        }
    }

    @Test
    void getsFindsListsAndDeletesPointsByIdAndKeywordField() {
        try (LuceneVectorStore store = new LuceneVectorStore(dir)) {
            assertFalse(store.exists(REPO));
            assertEquals(List.of(), store.get(REPO, List.of(PointIds.of("a"))));
            store.ensureCollection(REPO, 4);
            List<VectorPoint> points = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                VectorPoint p = point("p" + i, "src/m" + i + ".rs", "rust", "ada", "2024-01-01T00:00:00Z",
                        "fn f" + i + "() {}", 1, i, 0, 0);
                p.metadata().put(Payloads.UNIT_ID, "u" + (i % 3));
                p.metadata().put(Payloads.ROLE, i < 2 ? Payloads.CURRENT : Payloads.CHANGE);
                points.add(p);
            }
            store.upsert(REPO, points, true);
            assertTrue(store.exists(REPO));
            assertEquals(List.of(PointIds.of("p7")), ids(store.get(REPO, List.of(PointIds.of("p7"),
                    PointIds.of("nope")))));
            assertEquals(20, store.find(REPO, Payloads.UNIT_ID, List.of("u0", "u1"), 100).size());
            assertEquals(5, store.find(REPO, Payloads.UNIT_ID, List.of("u0", "u1"), 5).size());
            assertTrue(store.find(REPO, Payloads.UNIT_ID, List.of("u2"), 100).stream()
                    .allMatch(h -> "u2".equals(h.metadata().get(Payloads.UNIT_ID))));
            assertEquals(java.util.Set.of(PointIds.of("p0"), PointIds.of("p1")),
                    java.util.Set.copyOf(store.ids(REPO, Payloads.ROLE, Payloads.CURRENT)));
            store.delete(REPO, List.of(PointIds.of("p0"), PointIds.of("p1")), true);
            assertEquals(28, store.count(REPO));
            assertEquals(List.of(), store.ids(REPO, Payloads.ROLE, Payloads.CURRENT));
        }
    }

    /**
     * Text first: points without a vector are found by BM25 and listed as pending (documents without the vector
     * field), KNN over an index that has no vector at all yet answers nothing rather than failing, and a point
     * written again with its vector is no longer pending, also after reopening.
     */
    @Test
    void pointsWithoutVectorsAreFoundByKeywordsAndListedAsPending() {
        VectorPoint a = point("a", "src/a.rs", "rust", "ada", "2024-01-01T00:00:00Z", "fn parse_header() {}", 1, 0, 0, 0);
        VectorPoint b = point("b", "src/b.rs", "rust", "bob", "2024-02-01T00:00:00Z", "fn open_socket() {}", 0, 1, 0, 0);
        try (LuceneVectorStore store = new LuceneVectorStore(dir)) {
            store.ensureCollection(REPO, 4);
            store.upsert(REPO, List.of(textOnly(a), textOnly(b)), true);
            assertEquals(List.of(), store.vectorSearch(REPO, unit(1, 0, 0, 0), 3, SearchFilters.NONE));
            assertEquals(List.of(PointIds.of("a")), ids(store.keywordSearch(REPO, "parse header", 3,
                    SearchFilters.NONE)));
            assertEquals(List.of(PointIds.of("a"), PointIds.of("b")), ids(store.pending(REPO)).stream().sorted()
                    .toList());
            assertEquals(List.of(REPO), store.repositories());
            store.upsert(REPO, List.of(a), true);
            assertEquals(List.of(PointIds.of("a")), ids(store.vectorSearch(REPO, unit(1, 0, 0, 0), 3,
                    SearchFilters.NONE)));
        }
        try (LuceneVectorStore store = new LuceneVectorStore(dir)) {
            assertEquals(List.of(PointIds.of("b")), ids(store.pending(REPO)));
            assertEquals(Boolean.TRUE, store.pending(REPO).get(0).metadata().get(Payloads.VECTOR_PENDING));
            assertEquals(2, store.keywordSearch(REPO, "parse header open socket", 3, SearchFilters.NONE).size());
        }
    }

    private static VectorPoint textOnly(VectorPoint p) {
        Map<String, Object> m = new LinkedHashMap<>(p.metadata());
        m.put(Payloads.VECTOR_PENDING, true);
        return new VectorPoint(p.id(), null, p.content(), m);
    }

    private static List<String> ids(List<PointHit> hits) {
        return hits.stream().map(PointHit::id).toList();
    }

    static float[] unit(float... v) {
        return Pooling.normalize(v.clone());
    }

    static VectorPoint point(String chunkId, String path, String language, String author, String time, String code,
                             float... vector) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chunk_id", chunkId);
        m.put("path", path);
        m.put("path_prefixes", Payloads.prefixes(path));
        m.put("language", language);
        m.put("author", author);
        m.put("time", time);
        m.put("timestamp", Instant.parse(time).getEpochSecond());
        return new VectorPoint(PointIds.of(chunkId), unit(vector), path + "\n" + code, m);
    }
}
