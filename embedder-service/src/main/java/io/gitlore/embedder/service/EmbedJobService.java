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
import io.gitlore.contracts.messaging.CancelledJobs;
import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.embedder.messaging.EmbedderEvents;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.StoreRetryPolicy;
import io.gitlore.embedder.store.VectorStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Runs the embedding stage of each job on the {@link EmbeddingPipeline}: announces a job on its first chunk, reports
 * progress every few seconds and store outages as they happen, says when the job's text is searchable (its chunk
 * stream's end), then reports its vectors filling in (done/total, rate, ETA), and once they are all in publishes the
 * completed (or failed) event with the job's counters. Built at start, so the backfill resumes what a previous run
 * left without vectors. A cancelled job stops at its next item (or, its chunks all in, before the next batch of
 * vectors): what it took stays stored, no vector is computed for it any more, the rest of its stream is acknowledged
 * and dropped with its input committed, and one cancelled event says how far it got.
 */
@ApplicationScoped
@Startup
public class EmbedJobService implements PipelineListener {

    private static final Logger LOG = Logger.getLogger(EmbedJobService.class);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final TextEmbedder embedder;
    private final VectorStore store;
    private final EmbedderEvents events;
    private final EmbeddingPipeline pipeline;
    private final CancelledJobs cancellations;
    private final Map<String, Long> lastProgress = new ConcurrentHashMap<>();
    /** The chunk ids each open job has taken. */
    private final Map<String, Set<String>> received = new ConcurrentHashMap<>();

    public EmbedJobService(EmbedderConfig config, TextEmbedder embedder, VectorCache cache, VectorStore store,
                           StoreRetryPolicy storeRetry, EmbedderEvents events) {
        this.embedder = embedder;
        this.store = store;
        this.events = events;
        this.cancellations = new CancelledJobs(config.dataDir(), events.events());
        BlobStore blobs = new BlobStore(config.dataDir());
        this.pipeline = new EmbeddingPipeline(embedder, cache, store, storeRetry, blobs::get,
                EmbeddingPipeline.Options.of(config), this);
    }

    /** Before the container closes the model and the store: the backfill stops between batches. */
    void stop(@Observes ShutdownEvent event) {
        pipeline.close();
    }

    /**
     * Takes one item of a chunk stream; {@code ack} runs once the item is safely stored (or deliberately skipped).
     * {@code ended} runs when the item ended its job and the job is complete, every point stored durably with its
     * vector (the job's input may then be committed): at once, or later on the vector backfill's thread. A chunk the
     * job already has (its stream read again after a rebalance) is acknowledged and not counted twice.
     */
    public synchronized void handle(ChunkStreamItem item, Runnable ack, Runnable ended) {
        String cancelled = cancellations.reason(item.jobId());
        if (cancelled == null && item instanceof ChunkingStats s && s.wasCancelled()) {
            cancelled = s.cancelled(); // the chunker saw the cancel first: the stream ends here either way
        }
        if (cancelled != null) {
            cancel(item, cancelled);
            ack.run();
            ended.run();
        } else if (item instanceof ChunkRecord chunk) {
            if (!pipeline.knows(chunk.jobId())) {
                events.events().publish(chunk.jobId(), JobEventType.ACCEPTED, 0, -1, "embedding chunks into "
                        + store.name() + " with " + embedder.spec().id(),
                        embedder.describe());
                received.put(chunk.jobId(), new HashSet<>());
            }
            if (!received.computeIfAbsent(chunk.jobId(), id -> new HashSet<>()).add(chunk.chunkId())) {
                ack.run();
                return;
            }
            pipeline.add(chunk, ack);
        } else if (item instanceof ChunkingStats stats) {
            received.remove(stats.jobId());
            pipeline.finish(stats.jobId(), done -> {
                completed(stats, done);
                ended.run();
            });
            ack.run();
        }
    }

    /**
     * Stops a cancelled job at this item: the chunks it took are stored, the job is freed and its cancelled event
     * published (by its completion, when it had ended and was waiting for vectors). An item of a job this stage
     * never started (its stream came after the cancel, or again after a restart) ends it with nothing taken.
     */
    private void cancel(ChunkStreamItem item, String reason) {
        String jobId = item.jobId();
        received.remove(jobId);
        lastProgress.remove(jobId);
        JobStats job = pipeline.cancel(jobId, reason);
        announce(jobId, job, item instanceof ChunkingStats s ? s.emitted() : -1, reason);
    }

    /** The job's one cancelled event: {@code done} = chunks taken, {@code total} = the chunker's count, or -1. */
    private void announce(String jobId, JobStats job, long total, String reason) {
        long done = job == null ? 0 : job.received();
        Map<String, Object> details = job == null ? Map.of() : job.toMap();
        String message = "embedding cancelled after " + done + (total >= 0 ? " of " + total : "") + " chunks"
                + (job == null ? "" : ", " + job.vectorsDone() + " of " + job.vectorsTotal() + " vectors computed")
                + " (" + reason + ")";
        if (cancellations.announce(jobId, done, total, message, details)) {
            LOG.infof("job %s: %s", jobId, message);
        }
    }

    /** The jobs cancelled (markers in the data directory) and this stage's one cancelled event per job. */
    public CancelledJobs cancellations() {
        return cancellations;
    }

    @Override
    public String cancelled(String jobId) {
        return cancellations.reason(jobId);
    }

    /** Publishes the job's completed, failed or cancelled event; runs once its points all have vectors. */
    private void completed(ChunkingStats end, JobStats stats) {
        lastProgress.remove(end.jobId());
        if (stats.cancelled() != null) {
            announce(end.jobId(), stats, end.emitted(), stats.cancelled());
            return;
        }
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
                        + "near-duplicates, %s unchanged, %s removed) in %.1f s, searchable by text after %.1f s",
                stats.points(), stats.received(), details.get("embedded"), details.get("reused"),
                details.get("nearDuplicates"), details.get("unchanged"), details.get("removed"), stats.seconds(),
                stats.searchableSeconds());
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

    /** Every chunk is stored: keyword search finds the job's text; vectors may still be filling in. */
    @Override
    public void searchable(JobStats stats) {
        long owed = stats.vectorsTotal() - stats.vectorsDone();
        Map<String, Object> details = stats.toMap();
        details.put("searchable", true);
        events.progress("searchable", stats.jobId(), stats.vectorsDone(), stats.vectorsTotal(),
                String.format("text searchable after %.1f s: %d points stored from %d chunks; %d vectors to compute",
                        stats.searchableSeconds(), stats.points(), stats.received(), owed), details);
        lastProgress.put(stats.jobId(), System.nanoTime());
    }

    /** Vectors filling in: done/total of the job's vectors, with the rate and an ETA for clients to show. */
    @Override
    public void vectors(JobStats stats) {
        long now = System.nanoTime();
        Long last = lastProgress.get(stats.jobId());
        if (last != null && now - last <= PROGRESS_EVERY_NANOS) {
            return;
        }
        lastProgress.put(stats.jobId(), now);
        long done = stats.vectorsDone();
        long total = stats.vectorsTotal();
        double seconds = stats.seconds();
        double perSecond = done / Math.max(seconds, 1e-9);
        Map<String, Object> details = stats.toMap();
        details.put("vectorsPerSecond", Math.round(perSecond * 10) / 10.0);
        if (perSecond > 0) {
            details.put("etaSeconds", Math.round((total - done) / perSecond));
        }
        events.progress("vectors", stats.jobId(), done, total, String.format(
                "vectors %d of %d computed (%.1f/s)", done, total, perSecond), details);
    }

    @Override
    public void storeUnavailable(String jobId, int attempt, Duration retryIn, String reason) {
        events.events().publish(jobId, JobEventType.PROGRESS, -1, -1, "vector store unavailable (attempt " + attempt
                + "), retrying in " + retryIn.toSeconds() + " s: " + reason, Map.of("storeUnavailable", true));
    }
}
