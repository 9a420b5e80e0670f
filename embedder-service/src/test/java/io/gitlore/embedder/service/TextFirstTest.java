package io.gitlore.embedder.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.search.SearchHit;
import io.gitlore.embedder.model.EmbedderClosedException;
import io.gitlore.embedder.model.InferenceOptions;
import io.gitlore.embedder.model.ModelSpec;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.search.SearchMode;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.store.PointIds;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.store.VectorPoint;
import io.gitlore.embedder.store.VectorStore;
import io.gitlore.embedder.testing.Retries;
import io.gitlore.testsupport.ChunkRecords;
import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text first, with the real model on a real Lucene index: every chunk is searchable by its text before any vector is
 * computed, vectors follow current code first and then history newest first, a job completes only once its vectors
 * are all in, and a restart on the same store finishes the vectors a killed run left, embedding nothing twice.
 */
class TextFirstTest {

    private static final String REPO = "text-first";
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

    /** Three commits, oldest first as the chunker sends them, then the snapshot's two units. */
    private static List<ChunkRecord> job(String jobId) {
        String[][] history = {{"h1", "src/config.rs", "fn load_config(path: &Path) -> Config { parse(read(path)) }",
                "2021-01-01T00:00:00Z"}, {"h2", "src/net.rs", "fn open_socket(addr: SocketAddr) -> TcpStream { connect(addr) }",
                "2022-01-01T00:00:00Z"}, {"h3", "src/hash.rs", "fn sha256_digest(bytes: &[u8]) -> Digest { Sha256::digest(bytes) }",
                "2023-01-01T00:00:00Z"}};
        List<ChunkRecord> chunks = new ArrayList<>();
        for (String[] h : history) {
            chunks.add(ChunkRecords.function(h[0], h[2]).jobId(jobId).repositoryId(REPO).path(h[1])
                    .name(h[0]).qualifiedName(h[0]).time(Instant.parse(h[3])).build());
        }
        chunks.add(ChunkRecords.function("s1", history[1][2]).jobId(jobId).repositoryId(REPO).path("src/net.rs")
                .name("h2").qualifiedName("h2").snapshot(true).changeType(null).commit("head").build());
        chunks.add(ChunkRecords.function("s2", history[2][2]).jobId(jobId).repositoryId(REPO).path("src/hash.rs")
                .name("h3").qualifiedName("h3").snapshot(true).changeType(null).commit("head").build());
        return chunks;
    }

    private EmbeddingPipeline pipeline(VectorStore store, VectorCache cache, boolean textFirst, Runnable gate) {
        return pipeline(store, cache, textFirst, gate, new PipelineListener() { });
    }

    private EmbeddingPipeline pipeline(VectorStore store, VectorCache cache, boolean textFirst, Runnable gate,
                                       PipelineListener listener) {
        return new EmbeddingPipeline(embedder, cache, store, Retries.untilBack(10, 50), ref -> new byte[0],
                new EmbeddingPipeline.Options(1, true, 256, textFirst), listener, gate);
    }

    private static Runnable gate(CountDownLatch latch) {
        return () -> {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** The store, recording the ids of every point written with a vector, in order. */
    private static VectorStore recording(VectorStore store, List<String> vectored, List<String> textOnly) {
        return (VectorStore) Proxy.newProxyInstance(VectorStore.class.getClassLoader(),
                new Class<?>[]{VectorStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("upsert")) {
                        for (Object o : (List<?>) args[1]) {
                            VectorPoint p = (VectorPoint) o;
                            (p.vector() == null ? textOnly : vectored).add(p.id());
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void textIsSearchableBeforeAnyVectorThenVectorsFollowSnapshotFirstAndNewestFirst() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        List<String> vectored = new CopyOnWriteArrayList<>();
        List<String> textOnly = new CopyOnWriteArrayList<>();
        try (LuceneVectorStore lucene = new LuceneVectorStore(dir.resolve("index"));
             VectorCache cache = new VectorCache(dir.resolve("cache"), embedder.dimension());
             EmbeddingPipeline pipeline = pipeline(recording(lucene, vectored, textOnly), cache, true, gate(hold))) {
            List<Integer> acks = new CopyOnWriteArrayList<>();
            job("j1").forEach(c -> pipeline.add(c, () -> acks.add(1)));
            CompletableFuture<JobStats> completed = new CompletableFuture<>();
            JobStats searchable = pipeline.finish("j1", completed::complete);

            assertEquals(5, acks.size(), "every chunk acknowledged once its text is stored");
            assertEquals(5, searchable.points());
            assertEquals(5, searchable.vectorsTotal());
            assertEquals(0, searchable.vectorsDone());
            assertFalse(completed.isDone(), "the job is not complete while vectors are missing");
            assertEquals(List.of(), vectored);
            assertEquals(5, lucene.pending(REPO).size());
            Retriever retriever = new Retriever(embedder, lucene, 60, 50);
            assertEquals("src/net.rs", retriever.search(REPO, "open socket connect", 1, SearchFilters.NONE,
                    SearchMode.BM25, 10).get(0).path());
            assertEquals(List.of(), retriever.search(REPO, "open a network connection", 3, SearchFilters.NONE,
                    SearchMode.VECTOR, 10));
            List<SearchHit> hybrid = retriever.search(REPO, "sha256 digest of bytes", 1, SearchFilters.NONE,
                    SearchMode.HYBRID, 10);
            assertEquals("src/hash.rs", hybrid.get(0).path(), "hybrid answers from BM25 alone");

            hold.countDown();
            JobStats done = completed.get(120, TimeUnit.SECONDS);
            assertNull(done.failure());
            assertEquals(5, done.vectorsDone());
            assertEquals(5, done.embedded());
            // Current code first (the snapshot's units), then the changes newest first.
            assertEquals(Set.copyOf(lucene.ids(REPO, "role", "current")), Set.copyOf(vectored.subList(0, 2)));
            assertEquals(List.of(PointIds.of("h3"), PointIds.of("h2"), PointIds.of("h1")), vectored.subList(2, 5));
            assertEquals(List.of(), lucene.pending(REPO));
            assertEquals("src/net.rs", new Retriever(embedder, lucene, 60, 50).search(REPO,
                    "open a network connection", 1, SearchFilters.NONE, SearchMode.VECTOR, 10).get(0).path());
        }
    }

    @Test
    void aRestartOnTheSameStoreFinishesTheVectorsAKilledRunLeftAndEmbedsNothingTwice() throws Exception {
        try (LuceneVectorStore store = new LuceneVectorStore(dir.resolve("index"));
             VectorCache cache = new VectorCache(dir.resolve("cache"), embedder.dimension())) {
            // The first run stores every text and dies before computing any vector.
            EmbeddingPipeline killed = pipeline(store, cache, true, () -> {
                throw new EmbedderClosedException("killed");
            });
            job("j1").forEach(c -> killed.add(c, () -> { }));
            CompletableFuture<JobStats> lost = new CompletableFuture<>();
            killed.finish("j1", lost::complete);
            killed.close();
            assertFalse(lost.isDone());
            assertEquals(5, store.pending(REPO).size());

            // The restart: Kafka delivers the unfinished job again while the resumed backfill is held.
            long before = embedder.embeddedTexts();
            CountDownLatch hold = new CountDownLatch(1);
            try (EmbeddingPipeline restarted = pipeline(store, cache, true, gate(hold))) {
                job("j1").forEach(c -> restarted.add(c, () -> { }));
                CompletableFuture<JobStats> completed = new CompletableFuture<>();
                JobStats again = restarted.finish("j1", completed::complete);
                assertEquals(0, again.points(), "every text is stored already: nothing written again");
                assertEquals(5, again.vectorsTotal(), "but the job waits for the vectors the killed run owed");
                assertFalse(completed.isDone());
                hold.countDown();
                JobStats done = completed.get(120, TimeUnit.SECONDS);
                assertNull(done.failure());
                assertEquals(5, done.vectorsDone());
                assertEquals(List.of(), store.pending(REPO));
                assertEquals(5, embedder.embeddedTexts() - before, "each text through the model once");

                // Delivered once more with every vector set: nothing is written, embedded or awaited.
                job("j2").forEach(c -> restarted.add(c, () -> { }));
                JobStats third = restarted.finish("j2");
                assertEquals(0, third.points());
                assertEquals(0, third.vectorsTotal());
                assertEquals(5, embedder.embeddedTexts() - before);
            }
            assertEquals(5, store.count(REPO));
        }
    }

    /**
     * A job cancelled while its vectors fill in completes as cancelled before the backfill's next batch, and no vector
     * is computed for it any more; its points keep their text, and the next start computes their vectors as the
     * repository's own work, with no job waiting for them.
     */
    @Test
    void aJobCancelledWhileItsVectorsFillInStopsThereAndARestartOwesItNothing() throws Exception {
        List<String> vectored = new CopyOnWriteArrayList<>();
        try (LuceneVectorStore store = new LuceneVectorStore(dir.resolve("index"));
             VectorCache cache = new VectorCache(dir.resolve("cache"), embedder.dimension())) {
            CountDownLatch hold = new CountDownLatch(1);
            Set<String> markers = java.util.concurrent.ConcurrentHashMap.newKeySet();
            PipelineListener listener = new PipelineListener() {
                @Override
                public String cancelled(String jobId) {
                    return markers.contains(jobId) ? "asked by a test" : null;
                }
            };
            try (EmbeddingPipeline pipeline = pipeline(recording(store, vectored, new ArrayList<>()), cache, true,
                    gate(hold), listener)) {
                job("j1").forEach(c -> pipeline.add(c, () -> { }));
                CompletableFuture<JobStats> completed = new CompletableFuture<>();
                pipeline.finish("j1", completed::complete);
                markers.add("j1");
                hold.countDown();
                JobStats cancelled = completed.get(60, TimeUnit.SECONDS);
                assertEquals("asked by a test", cancelled.cancelled(), "it completes as cancelled");
                assertEquals(0, cancelled.vectorsDone());
                assertNull(pipeline.cancel("j1", "again"), "a job ended is not held any more");
                // Another repository's job completes after it: the backfill ran on, and computed nothing for j1.
                pipeline.add(ChunkRecords.function("o1", "fn other() {}").jobId("j2").repositoryId("other").build(),
                        () -> { });
                assertEquals(1, pipeline.finish("j2").vectorsDone());
                assertEquals(List.of(PointIds.of("o1")), vectored);
            }
            assertEquals(5, store.pending(REPO).size(), "its text stays stored, waiting for a vector");
            try (EmbeddingPipeline restarted = pipeline(store, cache, true, () -> { })) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                        .until(() -> store.pending(REPO).isEmpty());
            }
        }
    }

    @Test
    void withTextFirstOffEveryPointIsWrittenWithItsVectorAndTheJobCompletesAtItsEnd() {
        List<String> vectored = new CopyOnWriteArrayList<>();
        List<String> textOnly = new CopyOnWriteArrayList<>();
        try (LuceneVectorStore lucene = new LuceneVectorStore(dir.resolve("index"));
             VectorCache cache = new VectorCache(dir.resolve("cache"), embedder.dimension());
             EmbeddingPipeline pipeline = pipeline(recording(lucene, vectored, textOnly), cache, false, () -> { })) {
            job("j1").forEach(c -> pipeline.add(c, () -> { }));
            List<JobStats> completed = new ArrayList<>();
            JobStats stats = pipeline.finish("j1", completed::add);
            assertEquals(List.of(stats), completed, "complete as its chunks end");
            assertEquals(5, stats.points());
            assertEquals(0, stats.vectorsTotal());
            assertEquals(List.of(), textOnly, "no point is ever stored without its vector");
            assertEquals(5, vectored.size());
            assertTrue(lucene.pending(REPO).isEmpty());
        }
    }
}
