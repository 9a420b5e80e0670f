package io.gitlore.embedder.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointIds;
import io.gitlore.embedder.store.StoreRetryPolicy;
import io.gitlore.embedder.store.VectorPoint;
import io.gitlore.embedder.store.VectorStore;
import io.gitlore.embedder.text.ChunkText;
import org.jboss.logging.Logger;

/**
 * The embedding stage without Kafka: takes chunks one by one with an acknowledgement callback, embeds each distinct
 * text once (the {@link VectorCache} remembers the rest), writes points to the {@link VectorStore} in batches and
 * runs a chunk's acknowledgement only after its point is stored; while the store is down the
 * {@link StoreRetryPolicy} backs off and retries, so nothing is lost, and deterministic point ids mean nothing is
 * duplicated.
 */
public final class EmbeddingPipeline {

    private static final Logger LOG = Logger.getLogger(EmbeddingPipeline.class);

    /** Points per store write; whether to skip chunks the chunker marked as exact duplicates. */
    public record Options(int batchSize, boolean skipDuplicates) {
        public static Options defaults() {
            return new Options(256, true);
        }
    }

    /** Hears about progress and outages, to turn them into job events. */
    public interface Listener {
        default void stored(JobStats stats) {
        }

        default void storeUnavailable(String jobId, int attempt, Duration retryIn, String reason) {
        }
    }

    /** Counters of one job, published with its completed event. */
    public static final class JobStats {
        final String jobId;
        final long startedNanos = System.nanoTime();
        long received;
        long skippedEmpty;
        long skippedDuplicates;
        long embedded;
        long reused;
        long truncated;
        long points;
        long storeRetries;
        String failure;

        JobStats(String jobId) {
            this.jobId = jobId;
        }

        public String jobId() {
            return jobId;
        }

        public long points() {
            return points;
        }

        public long received() {
            return received;
        }

        public String failure() {
            return failure;
        }

        public double seconds() {
            return (System.nanoTime() - startedNanos) / 1e9;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chunks", received);
            m.put("points", points);
            m.put("embedded", embedded);
            m.put("reused", reused);
            m.put("skippedEmpty", skippedEmpty);
            m.put("skippedDuplicates", skippedDuplicates);
            m.put("truncated", truncated);
            m.put("storeRetries", storeRetries);
            m.put("seconds", Math.round(seconds() * 10) / 10.0);
            m.put("chunksPerSecond", Math.round(received / Math.max(seconds(), 1e-9) * 10) / 10.0);
            if (failure != null) {
                m.put("failure", failure);
            }
            return m;
        }
    }

    private record Pending(JobStats job, String repositoryId, ChunkRecord chunk, String text, Runnable ack) {
    }

    private final TextEmbedder embedder;
    private final VectorCache cache;
    private final VectorStore store;
    private final StoreRetryPolicy retry;
    private final Function<BlobRef, byte[]> blobs;
    private final Options options;
    private final Listener listener;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, JobStats> jobs = new LinkedHashMap<>();

    public EmbeddingPipeline(TextEmbedder embedder, VectorCache cache, VectorStore store, StoreRetryPolicy retry,
                             Function<BlobRef, byte[]> blobs, Options options, Listener listener) {
        this.embedder = embedder;
        this.cache = cache;
        this.store = store;
        this.retry = retry;
        this.blobs = blobs;
        this.options = options;
        this.listener = listener;
    }

    /** Whether the job has sent anything yet (the service announces a job on its first chunk). */
    public synchronized boolean knows(String jobId) {
        return jobs.containsKey(jobId);
    }

    /** Takes one chunk; {@code ack} runs once its point is stored, or at once when the chunk is skipped. */
    public synchronized void add(ChunkRecord chunk, Runnable ack) {
        JobStats job = jobs.computeIfAbsent(chunk.jobId(), JobStats::new);
        job.received++;
        String code = code(chunk);
        if (code == null || code.isBlank()) {
            job.skippedEmpty++;
            ack.run();
            return;
        }
        if (options.skipDuplicates() && chunk.duplicateOf() != null) {
            // Same content as an earlier chunk of this job, which is in the index already.
            job.skippedDuplicates++;
            ack.run();
            return;
        }
        pending.add(new Pending(job, chunk.repositoryId(), chunk, ChunkText.of(chunk, code), ack));
        // Hold one back: the job's last write is the durable one (Qdrant wait=true), and it must carry points.
        if (pending.size() > options.batchSize()) {
            write(new ArrayList<>(pending.subList(0, options.batchSize())), false);
            pending.subList(0, options.batchSize()).clear();
        }
    }

    /** Ends a job: writes what is pending durably and returns the job's counters. */
    public synchronized JobStats finish(String jobId) {
        write(new ArrayList<>(pending), true);
        pending.clear();
        JobStats job = jobs.remove(jobId);
        return job != null ? job : new JobStats(jobId);
    }

    private String code(ChunkRecord chunk) {
        if (chunk.newCode() != null) {
            return chunk.newCode();
        }
        if (chunk.newCodeRef() != null) {
            return new String(blobs.apply(chunk.newCodeRef()), StandardCharsets.UTF_8);
        }
        if (chunk.oldCode() != null) {
            return chunk.oldCode();
        }
        return chunk.oldCodeRef() != null ? new String(blobs.apply(chunk.oldCodeRef()), StandardCharsets.UTF_8)
                : null;
    }

    private void write(List<Pending> batch, boolean durable) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<Pending>> byRepository = new LinkedHashMap<>();
        batch.forEach(p -> byRepository.computeIfAbsent(p.repositoryId(), r -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<Pending>> group : byRepository.entrySet()) {
            List<Pending> items = group.getValue();
            try {
                List<VectorPoint> points = points(items);
                JobStats job = items.get(0).job();
                retry.run(() -> {
                    store.ensureCollection(group.getKey(), embedder.dimension());
                    store.upsert(group.getKey(), points, durable);
                }, (attempt, retryIn, e) -> {
                    job.storeRetries++;
                    LOG.warnf("vector store %s unavailable (attempt %d), retrying in %s: %s", store.name(), attempt,
                            retryIn, e.getMessage());
                    listener.storeUnavailable(job.jobId(), attempt, retryIn, e.getMessage());
                });
                for (Pending p : items) {
                    p.job().points++;
                }
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e; // shutting down: leave the chunks unacknowledged, Kafka redelivers them
                }
                // Not transient (a dimension mismatch, a broken model), or the store stayed down past a finite
                // store-max-retries: fail the jobs, do not block the stream.
                LOG.errorf(e, "embedding %d chunks of %s failed", items.size(), group.getKey());
                for (Pending p : items) {
                    if (p.job().failure == null) {
                        p.job().failure = e.getMessage();
                    }
                }
            }
            items.forEach(p -> p.ack().run());
            items.stream().map(Pending::job).distinct().forEach(listener::stored);
        }
    }

    private List<VectorPoint> points(List<Pending> items) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(items.size());
        for (Pending p : items) {
            String key = VectorCache.key(embedder.spec().id() + '\n' + p.text());
            keys.add(key);
            if (vectors.containsKey(key) || missing.containsKey(key)) {
                p.job().reused++;
                continue;
            }
            float[] cached = cache.get(key);
            if (cached != null) {
                vectors.put(key, cached);
                p.job().reused++;
            } else {
                missing.put(key, p.text());
            }
        }
        if (!missing.isEmpty()) {
            long truncatedBefore = embedder.truncatedTexts();
            float[][] fresh = embedder.embedDocuments(new ArrayList<>(missing.values()));
            int i = 0;
            for (String key : missing.keySet()) {
                cache.put(key, fresh[i]);
                vectors.put(key, fresh[i++]);
            }
            long truncated = embedder.truncatedTexts() - truncatedBefore;
            // Attribute to the batch's first job: batches rarely span jobs, and the total stays exact.
            items.get(0).job().truncated += truncated;
            items.get(0).job().embedded += missing.size();
        }
        List<VectorPoint> points = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Pending p = items.get(i);
            points.add(new VectorPoint(PointIds.of(p.chunk().chunkId()), vectors.get(keys.get(i)), p.text(),
                    Payloads.metadata(p.chunk())));
        }
        return points;
    }
}
