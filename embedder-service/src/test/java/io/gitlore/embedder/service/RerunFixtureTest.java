package io.gitlore.embedder.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.search.SearchHit;
import io.gitlore.contracts.search.UnitChange;
import io.gitlore.contracts.search.UnitStatus;
import io.gitlore.embedder.model.InferenceOptions;
import io.gitlore.embedder.model.ModelSpec;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.search.SearchMode;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.testing.ChunkStreams;
import io.gitlore.embedder.testing.Retries;
import io.gitlore.testsupport.FileTrees;
import io.gitlore.testsupport.Mappings;
import io.gitlore.embedder.config.EmbedderConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedder on the chunk streams the real scraper and chunker produced from a JGit fixture (test-support's rich
 * history plus a move, a deletion and an overlong function; recorded by {@code bench/ChunkDump.java fixture:rerun},
 * see the resources' directory): job 1 is the whole history with its snapshot, job 2 the same repository again with no
 * new commits (the scraper sends the snapshot only). Job 2 must write and embed nothing; hits are code units.
 */
class RerunFixtureTest {

    private static final String REPO = "rerun-fixture";
    private static TextEmbedder embedder;
    private static Path dir;
    private static LuceneVectorStore store;
    private static VectorCache cache;
    private static EmbeddingPipeline pipeline;
    private static JobStats first;

    @BeforeAll
    static void indexTheFirstJob() throws Exception {
        embedder = TextEmbedder.load(ModelSpec.builtIn(ModelSpec.BGE_SMALL), Path.of("target", "test-data"),
                Mappings.defaults(InferenceOptions.class));
        dir = Files.createTempDirectory("rerun-fixture-");
        store = new LuceneVectorStore(dir.resolve("index"));
        cache = new VectorCache(dir.resolve("cache"), embedder.dimension());
        pipeline = pipeline();
        first = run(pipeline, ChunkStreams.resource("/rerun/rerun-job1.jsonl"), "rerun-job-1");
    }

    @AfterAll
    static void close() {
        store.close();
        cache.close();
        embedder.close();
        FileTrees.delete(dir, true);
    }

    private static EmbeddingPipeline pipeline() {
        return new EmbeddingPipeline(embedder, cache, store, Retries.untilBack(10, 50), ref -> {
            throw new IllegalStateException("the recorded chunks carry their code inline");
        }, EmbeddingPipeline.Options.of(Mappings.defaults(EmbedderConfig.class)), new PipelineListener() { });
    }

    private static JobStats run(EmbeddingPipeline pipeline, List<ChunkRecord> chunks, String jobId) {
        chunks.forEach(c -> pipeline.add(c, () -> { }));
        return pipeline.finish(jobId);
    }

    @Test
    void aReRunWithNoNewCommitsWritesAndEmbedsNothing() {
        assertNull(first.failure());
        assertTrue(first.points() > 0);
        assertEquals(0L, first.toMap().get("truncated"), "overlong units are cut into parts, never truncated");
        List<String> before = store.ids(REPO).stream().sorted().toList();
        long texts = embedder.embeddedTexts();

        JobStats second = run(pipeline, ChunkStreams.resource("/rerun/rerun-job2.jsonl"), "rerun-job-2");
        assertNull(second.failure());
        assertEquals(0, second.points(), "points written");
        assertEquals(0, second.embedded());
        assertEquals(0, second.removed());
        assertEquals(second.received(), second.toMap().get("versions"));
        assertEquals(before, store.ids(REPO).stream().sorted().toList(), "the same point set");
        assertEquals(texts, embedder.embeddedTexts(), "no text went through the model");

        // After a restart (a fresh pipeline, nothing in memory) the same holds.
        JobStats third = run(pipeline(), ChunkStreams.resource("/rerun/rerun-job2.jsonl"), "rerun-job-3");
        assertEquals(0, third.points());
        assertEquals(0, third.embedded());
        assertEquals(before, store.ids(REPO).stream().sorted().toList());
    }

    @Test
    void aMovedUnitIsOneHitWithItsWholeHistoryNewestFirst() {
        SearchHit add = hit("add two numbers checked overflow", "crate::math::add");
        assertEquals(UnitStatus.CURRENT, add.status());
        assertEquals("src/math.rs", add.path());
        assertEquals(1, add.startLine());
        assertEquals(List.of("Move add into the math module", "Fix overflow in add", "Initial ledger crate"),
                add.history().stream().map(UnitChange::subject).toList());
        assertEquals("src/lib.rs", add.history().get(2).pathThen(), "its path then, not as if current");
        assertTrue(add.content().contains("a.checked_add(b)"));
    }

    @Test
    void deletedCodeStaysFindableMarkedDeleted() {
        SearchHit deposit = hit("deposit an amount into the balance", "crate::account::Account::deposit");
        assertEquals(UnitStatus.DELETED, deposit.status());
        assertNull(deposit.startLine());
        assertEquals("Drop deposits in favour of ledger entries", deposit.history().get(0).subject());
        assertTrue(deposit.content().contains("saturating_add"), "its last version: " + deposit.content());
        // A file renamed and its function renamed: the old function is deleted, found under its old history.
        SearchHit parser = hit("parse an amount in cents", "crate::parser::parse_amount");
        assertEquals(UnitStatus.DELETED, parser.status());
        assertEquals(List.of("Rename parser module to parse", "Add amount parser"),
                parser.history().stream().map(UnitChange::subject).toList());
    }

    @Test
    void anOverlongUnitIsOneHitWhosePartsGiveBackTheWholeFunction() {
        SearchHit report = hit("monthly report of groceries and rent totals", "crate::report::monthly_report");
        assertTrue(report.parts() >= 7, "parts: " + report.parts());
        assertTrue(report.content().startsWith("pub fn monthly_report("), report.content());
        assertTrue(report.content().endsWith("    out\n}\n") || report.content().endsWith("    out\n}"));
        assertEquals(1, report.startLine());
        assertEquals(report.content().strip().split("\n").length, report.endLine());
    }

    @Test
    void everyHitIsADifferentUnit() {
        for (SearchMode mode : SearchMode.values()) {
            List<SearchHit> hits = new Retriever(embedder, store, 60, 50).search(REPO, "account balance", 10,
                    SearchFilters.NONE, mode, 20);
            assertEquals(hits.size(), hits.stream().map(SearchHit::id).distinct().count(), mode + ": " + hits);
            assertEquals(hits.size(), hits.stream().map(h -> h.path() + "|" + h.qualifiedName()).distinct().count());
        }
    }

    private static SearchHit hit(String query, String qualifiedName) {
        List<SearchHit> hits = new Retriever(embedder, store, 60, 50).search(REPO, query, 10, SearchFilters.NONE,
                SearchMode.HYBRID, 20);
        return hits.stream().filter(h -> qualifiedName.equals(h.qualifiedName())).findFirst()
                .orElseThrow(() -> new AssertionError(qualifiedName + " not in " + hits.stream()
                        .map(SearchHit::qualifiedName).toList()));
    }
}
