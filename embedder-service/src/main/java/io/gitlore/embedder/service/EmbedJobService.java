package io.gitlore.embedder.service;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.embedder.messaging.EmbedderEvents;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.StoreRetryPolicy;
import io.gitlore.embedder.store.VectorStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs the embedding stage of each job on the {@link EmbeddingPipeline}: announces a job on its first chunk, reports
 * progress every few seconds and store outages as they happen, and at the chunk stream's end publishes the
 * completed (or failed) event with the job's counters.
 */
@ApplicationScoped
public class EmbedJobService implements EmbeddingPipeline.Listener {

    private static final Logger LOG = Logger.getLogger(EmbedJobService.class);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final TextEmbedder embedder;
    private final VectorStore store;
    private final EmbedderEvents events;
    private final EmbeddingPipeline pipeline;
    private final Map<String, Long> lastProgress = new ConcurrentHashMap<>();
    /** The chunk ids each open job has taken. */
    private final Map<String, Set<String>> received = new ConcurrentHashMap<>();

    public EmbedJobService(EmbedderConfig config, TextEmbedder embedder, VectorCache cache, VectorStore store,
                           StoreRetryPolicy storeRetry, EmbedderEvents events) {
        this.embedder = embedder;
        this.store = store;
        this.events = events;
        BlobStore blobs = new BlobStore(config.dataDir());
        this.pipeline = new EmbeddingPipeline(embedder, cache, store, storeRetry, blobs::get,
                new EmbeddingPipeline.Options(config.upsertBatch(), config.skipNearDuplicates(),
                        config.changeMaxTokens()), this);
    }

    /**
     * Takes one item of a chunk stream; {@code ack} runs once the item is safely stored (or deliberately skipped).
     * True when the item ended its job with every point stored durably (the job's input may then be committed). A
     * chunk the job already has (its stream read again after a rebalance) is acknowledged and not counted twice.
     */
    public synchronized boolean handle(ChunkStreamItem item, Runnable ack) {
        if (item instanceof ChunkRecord chunk) {
            if (!pipeline.knows(chunk.jobId())) {
                events.events().publish(chunk.jobId(), JobEventType.ACCEPTED, 0, -1, "embedding chunks into "
                        + store.name() + " with " + embedder.spec().id(),
                        embedder.describe());
                received.put(chunk.jobId(), new HashSet<>());
            }
            if (!received.computeIfAbsent(chunk.jobId(), id -> new HashSet<>()).add(chunk.chunkId())) {
                ack.run();
                return false;
            }
            pipeline.add(chunk, ack);
            return false;
        } else if (item instanceof ChunkingStats stats) {
            received.remove(stats.jobId());
            finish(stats);
            ack.run();
            return true;
        }
        return false;
    }

    private void finish(ChunkingStats end) {
        JobStats stats = pipeline.finish(end.jobId());
        lastProgress.remove(end.jobId());
        Map<String, Object> details = stats.toMap();
        details.put("store", store.name());
        details.put("model", embedder.spec().id());
        details.put("repositoryId", end.repositoryId());
        details.put("expectedChunks", end.emitted());
        if (stats.failure() != null) {
            events.events().publish(end.jobId(), JobEventType.FAILED, stats.points(), stats.received(),
                    "embedding failed: " + stats.failure(), details);
            return;
        }
        String message = String.format("%d points written from %d chunks (%s texts embedded, %s reused, %s "
                        + "near-duplicates, %s unchanged, %s removed) in %.1f s", stats.points(), stats.received(),
                details.get("embedded"), details.get("reused"), details.get("nearDuplicates"), details.get("unchanged"),
                details.get("removed"), stats.seconds());
        if (stats.received() != end.emitted()) {
            message += "; the chunker sent " + end.emitted() + " chunks but " + stats.received() + " arrived";
        }
        events.events().publish(end.jobId(), JobEventType.COMPLETED, stats.points(), stats.received(), message,
                details);
        LOG.infof("job %s: %s", end.jobId(), message);
    }

    @Override
    public void stored(JobStats stats) {
        long now = System.nanoTime();
        Long last = lastProgress.get(stats.jobId());
        if (last == null || now - last > PROGRESS_EVERY_NANOS) {
            lastProgress.put(stats.jobId(), now);
            // done = chunks handled; the total is known only at the stream's end (clients may take the chunker's).
            events.events().publish(stats.jobId(), JobEventType.PROGRESS, stats.received(), -1,
                    stats.points() + " points stored from " + stats.received() + " chunks", stats.toMap());
        }
    }

    @Override
    public void storeUnavailable(String jobId, int attempt, Duration retryIn, String reason) {
        events.events().publish(jobId, JobEventType.PROGRESS, -1, -1, "vector store unavailable (attempt " + attempt
                + "), retrying in " + retryIn.toSeconds() + " s: " + reason, Map.of("storeUnavailable", true));
    }
}
