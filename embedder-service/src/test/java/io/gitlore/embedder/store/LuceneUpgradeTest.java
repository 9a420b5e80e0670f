package io.gitlore.embedder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index that gitlore wrote on Lucene 9.12 (a real run on Java 17, kept as a test resource) opens, answers and takes
 * new points on Lucene 10: upgrading loses no index. Without the backward codecs the vector backfill died on it and
 * the job never completed.
 */
class LuceneUpgradeTest {

    private static final String REPO = "i13ui-repo-7133330e";

    @TempDir
    Path root;

    @Test
    void anIndexWrittenByLucene912IsReadAndExtended() throws IOException {
        Path index = Files.createDirectories(root.resolve(REPO));
        for (String file : List.of("_0.cfe", "_0.cfs", "_0.si", "segments_2")) {
            try (InputStream in = getClass().getResourceAsStream("/lucene912/" + REPO + "/" + file)) {
                Files.copy(in, index.resolve(file));
            }
        }
        long before;
        try (LuceneVectorStore store = new LuceneVectorStore(root)) {
            assertEquals(List.of(REPO), store.repositories());
            before = store.count(REPO);
            assertTrue(before > 100, "the old index holds the run's points: " + before);
            List<PointHit> hits = store.keywordSearch(REPO, "score", 5, SearchFilters.NONE);
            assertFalse(hits.isEmpty(), "BM25 answers from the old segments");
            PointHit old = hits.get(0);
            assertFalse(store.vectorSearch(REPO, unit(384), 3, SearchFilters.NONE).isEmpty(), "HNSW answers too");

            store.ensureCollection(REPO, 384);
            store.upsert(REPO, List.of(new VectorPoint("new-point", unit(384), "fn upgraded_at_last() {}",
                    Map.of("path", "src/upgrade.rs", "language", "rust"))), true);
            assertEquals(before + 1, store.count(REPO));
            assertEquals(old.id(), store.get(REPO, List.of(old.id())).get(0).id());
        }
        try (LuceneVectorStore reopened = new LuceneVectorStore(root)) {
            assertEquals(before + 1, reopened.count(REPO));
            assertEquals("src/upgrade.rs", reopened.keywordSearch(REPO, "upgraded", 1, SearchFilters.NONE).get(0)
                    .metadata().get("path"));
        }
    }

    private static float[] unit(int dimension) {
        float[] v = new float[dimension];
        v[0] = 1;
        return v;
    }
}
