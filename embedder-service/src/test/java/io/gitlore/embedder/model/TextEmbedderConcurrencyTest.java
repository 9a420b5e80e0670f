package io.gitlore.embedder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.Test;

/**
 * The embedder died with SIGSEGV inside ONNX Runtime when the service shut down while the consumer was embedding: the
 * model was closed under a running {@code OrtSession.run}. Here several threads embed documents and queries at once
 * (the consumer and concurrent searches), and the model is closed while they run: every vector is right, and a call
 * after the close fails in Java, not in native code.
 */
class TextEmbedderConcurrencyTest {

    private static final Path DATA = Path.of("target", "test-data");

    private static List<String> texts(int thread) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            texts.add("fn handler_" + thread + "_" + i + "(request: Request) -> Response { respond(" + i + ") }\n"
                    .repeat(1 + i % 4));
        }
        return texts;
    }

    @Test
    void severalThreadsEmbedAtOnceAndGetTheVectorsOneThreadGets() throws Exception {
        try (TextEmbedder embedder = TextEmbedder.load(ModelSpec.builtIn(ModelSpec.BGE_SMALL), DATA,
                Mappings.defaults(InferenceOptions.class))) {
            int threads = 4;
            List<float[][]> alone = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                alone.add(embedder.embedDocuments(texts(t)));
            }
            float[] query = embedder.embedQuery("where are requests answered");
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<float[][]>> documents = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    documents.add(pool.submit(() -> {
                        start.await();
                        return embedder.embedDocuments(texts(thread));
                    }));
                }
                Future<List<float[]>> queries = pool.submit(() -> {
                    start.await();
                    List<float[]> out = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        out.add(embedder.embedQuery("where are requests answered"));
                    }
                    return out;
                });
                start.countDown();
                for (int t = 0; t < threads; t++) {
                    float[][] got = documents.get(t).get(5, TimeUnit.MINUTES);
                    for (int i = 0; i < got.length; i++) {
                        assertTrue(Pooling.cosine(got[i], alone.get(t)[i]) > 0.99999, "thread " + t + " text " + i);
                    }
                }
                for (float[] q : queries.get(5, TimeUnit.MINUTES)) {
                    assertTrue(Pooling.cosine(q, query) > 0.99999);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closingWhileThreadsEmbedWaitsForThemAndRefusesLaterCalls() throws Exception {
        TextEmbedder embedder = TextEmbedder.load(ModelSpec.builtIn(ModelSpec.BGE_SMALL), DATA,
                Mappings.defaults(InferenceOptions.class));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(3);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    running.countDown();
                    try {
                        for (int round = 0; round < 50; round++) {
                            embedder.embedDocuments(texts(thread));
                            finished.incrementAndGet();
                        }
                    } catch (EmbedderClosedException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            running.await();
            Thread.sleep(300);
            embedder.close();
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES); // no other failure, and the JVM is still alive
            }
            assertEquals(3, refused.get(), "every thread was refused once the model closed");
            assertThrows(EmbedderClosedException.class, () -> embedder.embedQuery("after the close"));
            assertThrows(EmbedderClosedException.class, () -> embedder.countTokens("after the close"));
        } finally {
            pool.shutdownNow();
        }
    }
}
