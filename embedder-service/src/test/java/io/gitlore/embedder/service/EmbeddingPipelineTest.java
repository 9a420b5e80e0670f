package io.gitlore.embedder.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.search.SearchHit;
import io.gitlore.contracts.search.UnitChange;
import io.gitlore.contracts.search.UnitStatus;
import io.gitlore.embedder.model.InferenceOptions;
import io.gitlore.embedder.model.ModelSpec;
import io.gitlore.embedder.model.Pooling;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.FakeQdrant;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.store.PointIds;
import io.gitlore.embedder.store.QdrantVectorStore;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.store.VectorStore;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.search.SearchMode;
import io.gitlore.embedder.testing.Retries;
import io.gitlore.embedder.text.ChunkText;
import io.gitlore.testsupport.ChunkRecords;
import io.gitlore.testsupport.Mappings;
import io.gitlore.embedder.config.EmbedderConfig;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding stage with the real bge-small model, on the Lucene store and through the Qdrant adapter. */
class EmbeddingPipelineTest {

    private static TextEmbedder embedder;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        embedder = TextEmbedder.load(ModelSpec.builtIn(ModelSpec.BGE_SMALL), Path.of("target", "test-data"),
                Mappings.defaults(InferenceOptions.class));
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void embedsChangesOnceSharesNearDuplicateVectorsAndReturnsOneHitPerUnit() {
        List<ChunkRecord> chunks = List.of(
                ChunkRecords.chunk("job1", "repo-1", "a", "src/parse.rs", "fn parse_header(line: &str) -> Header {}"),
                ChunkRecords.chunk("job1", "repo-1", "b", "src/net.rs", "fn open_socket(addr: SocketAddr) -> Socket {}"),
                // the same unit and code in another commit (a cherry-pick): a near-duplicate change of the same unit
                ChunkRecords.chunk("job1", "repo-1", "c", "src/parse.rs", "fn parse_header(line: &str) -> Header {}"),
                ChunkRecords.chunk("job1", "repo-1", "d", "src/empty.rs", "   \n\t "),
                ChunkRecords.function("e", "fn x() {}").jobId("job1").repositoryId("repo-1").path("src/dup.rs")
                        .name("x").qualifiedName("x").duplicateOf("a").build());
        AtomicInteger acks = new AtomicInteger();
        try (LuceneVectorStore store = new LuceneVectorStore(dir.resolve("index"));
             VectorCache cache = new VectorCache(dir.resolve("cache"), embedder.dimension())) {
            EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, cache, store, Retries.untilBack(10, 50),
                    ref -> new byte[0], new EmbeddingPipeline.Options(2, true, 256),
                    new PipelineListener() { });
            chunks.forEach(c -> pipeline.add(c, acks::incrementAndGet));
            JobStats stats = pipeline.finish("job1");
            Map<String, Object> m = stats.toMap();
            assertEquals(5L, m.get("chunks"));
            assertEquals(4L, m.get("changes"));
            assertEquals(4L, m.get("points"));
            assertEquals(3L, m.get("embedded"));
            assertEquals(1L, m.get("nearDuplicates"));
            assertEquals(1L, m.get("skippedEmpty"));
            assertNull(stats.failure());
            assertEquals(5, acks.get());
            assertEquals(4, store.count("repo-1"));

            Retriever retriever = new Retriever(embedder, store, 60, 50);
            for (SearchMode mode : SearchMode.values()) {
                List<SearchHit> hits = retriever.search("repo-1", "network socket connection", 3,
                        SearchFilters.NONE, mode, 10);
                assertEquals("src/net.rs", hits.get(0).path(), mode + ": " + hits);
                assertEquals(hits.size(), hits.stream().map(SearchHit::id).distinct().count(), "one hit per unit");
            }
            SearchHit parse = retriever.search("repo-1", "parse header line", 1, SearchFilters.NONE,
                    SearchMode.BM25, 10).get(0);
            assertEquals("src/parse.rs", parse.path());
            assertEquals(UnitStatus.HISTORY, parse.status(), "no snapshot indexed: the unit is known by its changes");
            assertEquals(List.of("c0ffeea", "c0ffeec"), parse.history().stream().map(UnitChange::commit).sorted()
                    .toList());
        }
        // A second job (or a restart) with the same chunks finds every point stored: it embeds and writes nothing.
        try (LuceneVectorStore store = new LuceneVectorStore(dir.resolve("index"));
             VectorCache cache = new VectorCache(dir.resolve("cache"), embedder.dimension())) {
            EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, cache, store, Retries.untilBack(10, 50),
                    ref -> new byte[0], EmbeddingPipeline.Options.of(Mappings.defaults(EmbedderConfig.class)), new PipelineListener() { });
            chunks.forEach(c -> pipeline.add(c.toBuilder().jobId("job2").build(), () -> { }));
            Map<String, Object> m = pipeline.finish("job2").toMap();
            assertEquals(0L, m.get("embedded"));
            assertEquals(0L, m.get("points"));
            assertEquals(4L, m.get("unchanged"));
            assertEquals(4, store.count("repo-1"));
        }
    }

    /**
     * Two trait impls of one type can give two methods one qualified name in one file (ripgrep's {@code Stats::add}):
     * they stay two units, and a re-run cut into other batches still writes nothing.
     */
    @Test
    void twoUnitsOfOneNameInOneFileStayApartAndAReRunWritesNothing() {
        List<ChunkRecord> snapshot = new ArrayList<>();
        String[] bodies = {"fn add(self, other: Stats) -> Stats { self.merge(other) }",
                "fn add(self, other: &Stats) -> Stats { self.merge(other.clone()) }",
                "fn elapsed(&self) -> Duration { self.elapsed }"};
        String[] names = {"Stats::add", "Stats::add", "Stats::elapsed"};
        for (int i = 0; i < bodies.length; i++) {
            snapshot.add(ChunkRecords.function("s" + i, bodies[i]).jobId("j1").repositoryId("repo-3")
                    .path("src/stats.rs").kind(io.gitlore.contracts.chunk.ChunkKind.METHOD).name("add")
                    .qualifiedName(names[i]).snapshot(true).changeType(null).build());
        }
        try (LuceneVectorStore store = new LuceneVectorStore(dir.resolve("index3"));
             VectorCache cache = new VectorCache(dir.resolve("cache3"), embedder.dimension())) {
            EmbeddingPipeline one = new EmbeddingPipeline(embedder, cache, store, Retries.untilBack(10, 50),
                    ref -> new byte[0], new EmbeddingPipeline.Options(1, true, 256),
                    new PipelineListener() { });
            snapshot.forEach(c -> one.add(c, () -> { }));
            assertEquals(3, one.finish("j1").points());
            List<String> ids = store.ids("repo-3").stream().sorted().toList();
            assertEquals(3, ids.size());
            EmbeddingPipeline three = new EmbeddingPipeline(embedder, cache, store, Retries.untilBack(10, 50),
                    ref -> new byte[0], new EmbeddingPipeline.Options(3, true, 256),
                    new PipelineListener() { });
            snapshot.forEach(c -> three.add(c.toBuilder().jobId("j2").build(), () -> { }));
            JobStats again = three.finish("j2");
            assertEquals(0, again.points());
            assertEquals(0, again.removed());
            assertEquals(ids, store.ids("repo-3").stream().sorted().toList());
        }
    }

    /**
     * The store goes down mid-job and comes back: the pipeline backs off and retries, every chunk is acknowledged
     * exactly once and only after its point is stored, and the final point set is exactly the chunks' ids.
     */
    @Test
    void aStoreOutageMidJobLosesAndDuplicatesNothing() throws Exception {
        int n = 40;
        List<ChunkRecord> chunks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            chunks.add(ChunkRecords.chunk("job-outage", "repo-2", "k" + i, "src/m" + i + ".rs",
                    "fn handler_" + i + "(request: Request) -> Response { respond(" + i + ") }"));
        }
        Map<String, Integer> acked = new ConcurrentHashMap<>();
        Map<String, Boolean> storedWhenAcked = new ConcurrentHashMap<>();
        CountDownLatch firstWrite = new CountDownLatch(1);
        AtomicInteger outageRetries = new AtomicInteger();
        try (FakeQdrant fake = new FakeQdrant(); VectorCache cache = new VectorCache(dir.resolve("c2"), 384)) {
            ManagedChannel channel = fake.channel();
            VectorStore store = QdrantVectorStore.over(channel, new QdrantVectorStore.Options("gitlore_", 8,
                    Duration.ofSeconds(5)));
            // The service's policy as configured by default (retry until the store is back), on a faster clock.
            EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, cache, store, Retries.untilBack(50, 200),
                    ref -> new byte[0], new EmbeddingPipeline.Options(8, true, 256),
                    new PipelineListener() {
                        @Override
                        public void stored(JobStats stats) {
                            firstWrite.countDown();
                        }

                        @Override
                        public void storeUnavailable(String jobId, int attempt, Duration retryIn, String reason) {
                            outageRetries.incrementAndGet();
                        }
                    });
            Thread outage = new Thread(() -> {
                try {
                    firstWrite.await(60, TimeUnit.SECONDS);
                    fake.setDown(true);
                    Thread.sleep(1500);
                    fake.setDown(false);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            outage.start();
            for (ChunkRecord c : chunks) {
                String id = PointIds.of(c.chunkId());
                pipeline.add(c, () -> {
                    acked.merge(c.chunkId(), 1, Integer::sum);
                    storedWhenAcked.put(c.chunkId(), fake.points.getOrDefault("gitlore_repo-2", Map.of())
                            .containsKey(id));
                });
            }
            JobStats stats = pipeline.finish("job-outage");
            outage.join();

            assertTrue(outageRetries.get() > 0, "the outage was seen");
            assertTrue(fake.refused.get() > 0);
            assertEquals(n, acked.size());
            assertTrue(acked.values().stream().allMatch(v -> v == 1), "each chunk acknowledged once");
            assertTrue(storedWhenAcked.values().stream().allMatch(Boolean::booleanValue), "acknowledged after stored");
            List<String> expected = chunks.stream().map(c -> PointIds.of(c.chunkId())).sorted().toList();
            assertEquals(expected, fake.pointIds("gitlore_repo-2"));
            assertEquals(n, stats.points());
            for (ChunkRecord c : chunks) {
                float[] stored = toArray(fake.points.get("gitlore_repo-2").get(PointIds.of(c.chunkId()))
                        .getVectors().getVectors().getVectorsMap().get("").getDense().getDataList());
                assertEquals(1.0, Pooling.cosine(stored, cache.get(VectorCache.key(embedder.spec().id() + '\n'
                        + ChunkText.change(c, ChunkText.changeBody(c, c.newCode()))))), 1e-6);
            }
            store.close();
            channel.shutdownNow();
        }
    }

    private static float[] toArray(List<Float> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
