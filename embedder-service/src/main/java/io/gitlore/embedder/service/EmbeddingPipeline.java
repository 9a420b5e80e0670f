package io.gitlore.embedder.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.embedder.model.EmbedderClosedException;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.StoreRetryPolicy;
import io.gitlore.embedder.store.VectorStore;
import io.gitlore.embedder.text.ChunkText;
import io.gitlore.embedder.text.UnitKeys;
import org.jboss.logging.Logger;

/**
 * The embedding stage without Kafka: takes chunks one by one with an acknowledgement callback and keeps the index at
 * one point set per unit: its current code (snapshot chunks, cut into parts that fit the model) and one point per
 * commit that changed it (what changed). A commit's chunks are held until the commit ends, so a unit the commit moved
 * (the same code deleted under one path or name and added under another) keeps its id. A point whose text is already
 * stored is neither embedded nor written again, and at the end of a job with a snapshot the current-code points the
 * snapshot no longer holds are removed: a re-run with nothing new writes nothing. Texts are embedded once each (the
 * {@link VectorCache}), and near-duplicate changes share a vector. Text first (the default), points are stored with
 * their text and keyword terms at once and the {@link VectorBackfill} gives them vectors behind; a job completes once
 * its points all have them. A chunk's acknowledgement runs only after its points are stored; while the store is down
 * the {@link StoreRetryPolicy} backs off and retries, so nothing is lost.
 */
public final class EmbeddingPipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddingPipeline.class);

    /**
     * Chunks per store write; whether near-duplicate changes share a vector instead of being embedded; the most
     * tokens of a change's text; whether points are stored with their text at once and get their vectors behind
     * ({@link VectorBackfill}) or are embedded before they are written.
     */
    public record Options(int batchSize, boolean skipNearDuplicates, int changeMaxTokens, boolean textFirst) {
        public Options(int batchSize, boolean skipNearDuplicates, int changeMaxTokens) {
            this(batchSize, skipNearDuplicates, changeMaxTokens, true);
        }

        /**
         * The service's settings; text first on the embedded Lucene index only: with Qdrant the dense vector is the
         * collection's unnamed one, which Qdrant documents as optional only when named, so points are not written
         * without it to a server no test here can run.
         */
        public static Options of(EmbedderConfig config) {
            boolean textFirst = config.textFirst() && config.qdrantUrl().isEmpty();
            if (config.textFirst() && !textFirst) {
                LOG.info("text-first indexing is off on Qdrant: points are written with their vectors");
            }
            return new Options(config.upsertBatch(), config.skipNearDuplicates(), config.changeMaxTokens(), textFirst);
        }
    }

    /** A chunk taken and its code, held until its points are written; then it is acknowledged. */
    record Pending(JobStats job, ChunkRecord chunk, String code, Runnable ack) {
    }

    private final VectorStore store;
    private final StoreCalls calls;
    private final Function<BlobRef, byte[]> blobs;
    private final Options options;
    private final PipelineListener listener;
    private final PointVectors vectors;
    private final VectorBackfill backfill;
    private final ChangedPoints changed;
    /** The chunks of the commit being received, held until it ends. */
    private final List<Pending> commit = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, JobStats> jobs = new LinkedHashMap<>();

    public EmbeddingPipeline(TextEmbedder embedder, VectorCache cache, VectorStore store, StoreRetryPolicy retry,
                             Function<BlobRef, byte[]> blobs, Options options, PipelineListener listener) {
        this(embedder, cache, store, retry, blobs, options, listener, () -> { });
    }

    /** {@code beforeVectors} runs before each batch of the backfill (tests hold vectors back with it). */
    EmbeddingPipeline(TextEmbedder embedder, VectorCache cache, VectorStore store, StoreRetryPolicy retry,
                      Function<BlobRef, byte[]> blobs, Options options, PipelineListener listener, Runnable beforeVectors) {
        this.store = store;
        this.calls = new StoreCalls(store, retry, listener);
        this.blobs = blobs;
        this.options = options;
        this.listener = listener;
        this.vectors = new PointVectors(embedder, cache, options.skipNearDuplicates());
        // Started in both modes: it also computes the vectors an earlier text-first run left pending in the store.
        this.backfill = new VectorBackfill(calls, vectors, embedder.dimension(), options.batchSize(),
                listener, beforeVectors);
        this.changed = new ChangedPoints(new PointPlanner(embedder, options.changeMaxTokens()), new UnitIds(store),
                calls, backfill, options.textFirst());
    }

    /** Whether the job has sent anything yet (the service announces a job on its first chunk). */
    public synchronized boolean knows(String jobId) {
        return jobs.containsKey(jobId);
    }

    /** Takes one chunk; {@code ack} runs once its points are stored, or at once when the chunk is skipped. */
    public synchronized void add(ChunkRecord chunk, Runnable ack) {
        JobStats job = jobs.computeIfAbsent(chunk.jobId(), JobStats::new);
        job.repositoryId = chunk.repositoryId();
        job.received++;
        String code = code(chunk);
        if (code == null || code.isBlank()) {
            job.skippedEmpty++;
            ack.run();
            return;
        }
        if (!commit.isEmpty() && !sameCommit(commit.get(0).chunk(), chunk)) {
            endCommit();
        }
        if (chunk.snapshot()) {
            int occurrence = job.namesInSnapshot.merge(UnitKeys.key(chunk) + "|" + UnitKeys.chunkerPart(chunk), 1,
                    Integer::sum);
            chunk = occurrence > 1 ? UnitKeys.nthOfName(chunk, occurrence) : chunk;
        }
        commit.add(new Pending(job, chunk, code, ack));
        if (chunk.snapshot()) {
            job.snapshot = true;
            endCommit();
        }
        // Hold one back: the job's last write is the durable one (Qdrant wait=true), and it must carry points.
        while (pending.size() > options.batchSize()) {
            write(new ArrayList<>(pending.subList(0, options.batchSize())), false);
            pending.subList(0, options.batchSize()).clear();
        }
    }

    /** Ends a job and waits until its points all have their vectors; returns its counters then. */
    public JobStats finish(String jobId) {
        CompletableFuture<JobStats> done = new CompletableFuture<>();
        finish(jobId, done::complete);
        return done.join();
    }

    /**
     * Ends a job: writes what is held back durably, removes current code its snapshot no longer holds, tells the
     * listener the job's text is searchable, and runs {@code completed} once its points all have vectors (at once
     * when they do, else on the backfill's thread). Returns the job's counters as they are now.
     */
    public synchronized JobStats finish(String jobId, Consumer<JobStats> completed) {
        endCommit();
        write(new ArrayList<>(pending), true);
        pending.clear();
        JobStats job = jobs.remove(jobId);
        if (job == null) {
            job = new JobStats(jobId);
        } else if (job.snapshot && job.failure == null) {
            removeStale(job);
        }
        job.searchableNanos = System.nanoTime();
        listener.searchable(job);
        backfill.whenDone(job, completed);
        return job;
    }

    /**
     * Cancels a job: the chunks it took are written (its held-back ones too, so what was acknowledged is stored) and
     * the job is forgotten; no vector is computed for it any more and its snapshot removes nothing. A job that had
     * ended and waits for vectors completes now as cancelled ({@code completed} of {@link #finish} runs). Returns
     * the job's counters, or null when the pipeline holds no such job.
     */
    public synchronized JobStats cancel(String jobId, String reason) {
        JobStats job = jobs.remove(jobId);
        if (job == null) {
            JobStats finishing = backfill.finishing(jobId);
            if (finishing != null) {
                backfill.cancel(finishing, reason);
            }
            return finishing;
        }
        if (!commit.isEmpty() && commit.get(0).job() == job) {
            endCommit();
        }
        List<Pending> own = pending.stream().filter(p -> p.job() == job).toList();
        pending.removeIf(p -> p.job() == job);
        if (!own.isEmpty()) {
            write(own, true);
        }
        backfill.cancel(job, reason);
        return job;
    }

    /** Stops the backfill; points still without a vector stay so in the store, and the next start resumes them. */
    @Override
    public void close() {
        backfill.close();
    }

    private static boolean sameCommit(ChunkRecord a, ChunkRecord b) {
        return a.jobId().equals(b.jobId()) && a.snapshot() == b.snapshot() && a.commit().equals(b.commit());
    }

    /** The commit's chunks are all in: units it moved keep their ids; then its chunks may be written. */
    private void endCommit() {
        Map<String, String> deleted = new HashMap<>();
        for (Pending p : commit) {
            if (ChunkText.deleted(p.chunk()) && p.chunk().contentHash() != null) {
                deleted.put(p.chunk().contentHash(), UnitKeys.key(p.chunk()));
            }
        }
        if (!deleted.isEmpty()) {
            for (Pending p : commit) {
                ChunkRecord c = p.chunk();
                String from = c.oldStartLine() <= 0 && !ChunkText.deleted(c) && c.contentHash() != null
                        ? deleted.get(c.contentHash()) : null;
                if (from != null && !from.equals(UnitKeys.key(c))) {
                    p.job().lineages.moved(UnitKeys.key(c), from);
                    p.job().moves++;
                }
            }
        }
        pending.addAll(commit);
        commit.clear();
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
        Map<String, List<Pending>> byRepository = new LinkedHashMap<>();
        batch.forEach(p -> byRepository.computeIfAbsent(p.chunk().repositoryId(), r -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<Pending>> group : byRepository.entrySet()) {
            List<Pending> items = group.getValue();
            JobStats first = items.get(0).job();
            try {
                List<PointPlanner.Planned> fresh = changed.of(group.getKey(), items);
                if (!fresh.isEmpty()) {
                    if (options.textFirst()) {
                        backfill.writeText(first, group.getKey(), fresh, durable);
                    } else {
                        backfill.writeVectors(first, group.getKey(), vectors.of(fresh, first), durable);
                    }
                    first.points += fresh.size();
                }
            } catch (EmbedderClosedException e) {
                throw e; // shutting down: leave the chunks unacknowledged, Kafka redelivers them
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // Not transient (a dimension mismatch, a broken model), or the store stayed down past a finite
                // store-max-retries: fail the jobs, do not block the stream.
                LOG.errorf(e, "embedding %d chunks of %s failed", items.size(), group.getKey());
                items.forEach(p -> p.job().fail(e.getMessage()));
            }
            items.forEach(p -> p.ack().run());
            items.stream().map(Pending::job).distinct().forEach(listener::stored);
        }
    }

    /** Removes the current-code points of the repository that the job's snapshot did not hold. */
    private void removeStale(JobStats job) {
        String repositoryId = job.repositoryId;
        try {
            List<String> stale = calls.get(job, () -> store.ids(repositoryId, Payloads.ROLE, Payloads.CURRENT))
                    .stream().filter(id -> !job.currentPoints.contains(id)).toList();
            if (!stale.isEmpty()) {
                backfill.delete(job, repositoryId, stale);
                job.removed = stale.size();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "removing stale current code of %s failed", repositoryId);
            job.fail(e.getMessage());
        }
    }
}
