package io.gitlore.embedder.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.model.EmbedderClosedException;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.store.StoreRetryPolicy;
import io.gitlore.embedder.store.VectorPoint;
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
 * {@link VectorCache}), and near-duplicate changes share a vector. A chunk's acknowledgement runs only after its points
 * are stored; while the store is down the {@link StoreRetryPolicy} backs off and retries, so nothing is lost.
 */
public final class EmbeddingPipeline {

    private static final Logger LOG = Logger.getLogger(EmbeddingPipeline.class);

    /**
     * Chunks per store write; whether near-duplicate changes share a vector instead of being embedded; the most
     * tokens of a change's text.
     */
    public record Options(int batchSize, boolean skipNearDuplicates, int changeMaxTokens) {
        public static Options defaults() {
            return new Options(256, true, 256);
        }
    }

    /** Hears about progress and outages, to turn them into job events. */
    public interface Listener {
        default void stored(JobStats stats) {
        }

        default void storeUnavailable(String jobId, int attempt, Duration retryIn, String reason) {
        }
    }

    private record Pending(JobStats job, ChunkRecord chunk, String code, Runnable ack) {
    }

    private final TextEmbedder embedder;
    private final VectorStore store;
    private final StoreRetryPolicy retry;
    private final Function<BlobRef, byte[]> blobs;
    private final Options options;
    private final Listener listener;
    private final PointPlanner planner;
    private final PointVectors vectors;
    private final UnitIds unitIds;
    /** The chunks of the commit being received, held until it ends. */
    private final List<Pending> commit = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, JobStats> jobs = new LinkedHashMap<>();

    public EmbeddingPipeline(TextEmbedder embedder, VectorCache cache, VectorStore store, StoreRetryPolicy retry,
                             Function<BlobRef, byte[]> blobs, Options options, Listener listener) {
        this.embedder = embedder;
        this.store = store;
        this.retry = retry;
        this.blobs = blobs;
        this.options = options;
        this.listener = listener;
        this.planner = new PointPlanner(embedder, options.changeMaxTokens());
        this.vectors = new PointVectors(embedder, cache, options.skipNearDuplicates());
        this.unitIds = new UnitIds(store);
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

    /** Ends a job: writes what is pending durably, removes current code its snapshot no longer holds, and reports. */
    public synchronized JobStats finish(String jobId) {
        endCommit();
        write(new ArrayList<>(pending), true);
        pending.clear();
        JobStats job = jobs.remove(jobId);
        if (job == null) {
            return new JobStats(jobId);
        }
        if (job.snapshot && job.failure == null) {
            removeStale(job);
        }
        return job;
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
                List<VectorPoint> points = points(group.getKey(), items);
                if (!points.isEmpty()) {
                    stored(first, () -> {
                        store.ensureCollection(group.getKey(), embedder.dimension());
                        store.upsert(group.getKey(), points, durable);
                        return null;
                    });
                    first.points += points.size();
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

    /** The points of the items that are not stored as they are already, with their vectors. */
    private List<VectorPoint> points(String repositoryId, List<Pending> items) {
        Map<String, String> units = stored(items.get(0).job(), () -> unitIds.resolve(repositoryId,
                items.stream().map(Pending::job).toList(), items.stream().map(Pending::chunk).toList()));
        List<PointPlanner.Planned> planned = new ArrayList<>();
        for (Pending p : items) {
            List<PointPlanner.Planned> own = planner.plan(p.chunk(), p.code(), units.get(key(p)), p.job());
            if (p.chunk().snapshot()) {
                own.forEach(x -> p.job().currentPoints.add(x.id()));
            }
            planned.addAll(own);
        }
        Map<String, String> storedHashes = new HashMap<>();
        List<String> ids = planned.stream().map(PointPlanner.Planned::id).distinct().toList();
        stored(items.get(0).job(), () -> store.get(repositoryId, ids)).forEach(h ->
                storedHashes.put(h.id(), h.text(Payloads.TEXT_HASH)));
        JobStats job = items.get(0).job();
        List<PointPlanner.Planned> fresh = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PointPlanner.Planned p : planned) {
            if (p.textHash().equals(storedHashes.get(p.id())) || !seen.add(p.id())) {
                job.unchanged++;
            } else {
                fresh.add(p);
            }
        }
        return vectors.of(fresh, job);
    }

    private static String key(Pending p) {
        return UnitKeys.key(p.chunk());
    }
    /** Removes the current-code points of the repository that the job's snapshot did not hold. */
    private void removeStale(JobStats job) {
        String repositoryId = job.repositoryId;
        try {
            List<String> stale = stored(job, () -> store.ids(repositoryId, Payloads.ROLE, Payloads.CURRENT)).stream()
                    .filter(id -> !job.currentPoints.contains(id)).toList();
            if (!stale.isEmpty()) {
                stored(job, () -> {
                    store.delete(repositoryId, stale, true);
                    return null;
                });
                job.removed = stale.size();
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "removing stale current code of %s failed", repositoryId);
            job.fail(e.getMessage());
        }
    }

    /** Runs a store call under the retry policy, reporting each outage on the job. */
    private <T> T stored(JobStats job, Supplier<T> call) {
        List<T> result = new ArrayList<>(1);
        retry.run(() -> {
            result.clear();
            result.add(call.get());
        }, (attempt, retryIn, e) -> {
            job.storeRetries++;
            LOG.warnf("vector store %s unavailable (attempt %d), retrying in %s: %s", store.name(), attempt,
                    retryIn, e.getMessage());
            listener.storeUnavailable(job.jobId(), attempt, retryIn, e.getMessage());
        });
        return result.get(0);
    }
}
