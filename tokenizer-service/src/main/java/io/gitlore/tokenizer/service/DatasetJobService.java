package io.gitlore.tokenizer.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.messaging.CancelledJobs;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.runtime.DjlEnvironment;
import io.gitlore.tokenizer.bpe.CodeTokenizer;
import io.gitlore.tokenizer.config.TokenizerConfig;
import io.gitlore.tokenizer.dataset.DatasetBuilder;
import io.gitlore.tokenizer.messaging.DatasetPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs the dataset stage of each job: collects its chunks, and at the chunk stream's end builds the dataset under
 * {@code <data>/jobs/<job>/dataset} and publishes {@link DatasetReady} and the job's completed event; a job with
 * nothing to train on completes as empty, and any failure (the tokenizer, the builder, the disk) fails it with the
 * reason. A job's chunks live in memory until its end: a restart reads the job again from its first chunk (the
 * consumer commits only past finished jobs), and a job whose dataset is already published is not built again. A
 * cancelled job is dropped at its next chunk or at its end, whichever comes first: no dataset, one cancelled event.
 */
@ApplicationScoped
public class DatasetJobService {

    private static final Logger LOG = Logger.getLogger(DatasetJobService.class);

    private final TokenizerConfig config;
    private final DatasetPublisher publisher;
    private final BlobStore blobs;
    private final CancelledJobs cancellations;
    private final Map<String, DatasetBuilder> jobs = new ConcurrentHashMap<>();
    /** Jobs that failed before their stream's end (the tokenizer would not load), until that end arrives. */
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    /** The chunk ids each open job has taken, so a stream read again adds nothing twice. */
    private final Map<String, Set<String>> received = new ConcurrentHashMap<>();
    private CodeTokenizer tokenizer;

    public DatasetJobService(TokenizerConfig config, DatasetPublisher publisher) {
        this.config = config;
        this.publisher = publisher;
        this.blobs = new BlobStore(config.dataDir());
        this.cancellations = new CancelledJobs(config.dataDir(), publisher.events());
        // DJL must never reach the network: its natives come from the tokenizers jar.
        DjlEnvironment.configure(config.dataDir());
    }

    /**
     * Takes the next item of a chunk stream; true when it ended its job with the outcome published (the job's input
     * may then be committed). A chunk the job already has (its stream read again after a rebalance) is ignored.
     */
    public synchronized boolean handle(ChunkStreamItem item) {
        String cancelled = cancellations.reason(item.jobId());
        if (cancelled == null && item instanceof ChunkingStats s && s.wasCancelled()) {
            cancelled = s.cancelled(); // the chunker saw the cancel first: the stream ends here either way
        }
        if (cancelled != null) {
            return cancel(item, cancelled);
        }
        if (item instanceof ChunkRecord chunk) {
            if (failed.contains(chunk.jobId())) {
                return false; // its FAILED event is out; the rest of its stream has nowhere to go
            }
            DatasetBuilder builder = jobs.get(chunk.jobId());
            if (builder == null) {
                publisher.events().publish(chunk.jobId(), JobEventType.ACCEPTED, 0, -1, "building the dataset", Map.of());
                try {
                    builder = new DatasetBuilder(config.toOptions(), tokenizer());
                } catch (RuntimeException e) {
                    failed.add(chunk.jobId());
                    fail(chunk.jobId(), e);
                    return false;
                }
                jobs.put(chunk.jobId(), builder);
                received.put(chunk.jobId(), new HashSet<>());
            }
            if (received.get(chunk.jobId()).add(chunk.chunkId())) {
                builder.add(chunk, ref -> new String(blobs.get(ref), java.nio.charset.StandardCharsets.UTF_8));
            }
        } else if (item instanceof ChunkingStats stats) {
            received.remove(stats.jobId());
            return failed.remove(stats.jobId()) || finish(stats);
        }
        return false;
    }

    private boolean finish(ChunkingStats stats) {
        String jobId = stats.jobId();
        DatasetBuilder builder = jobs.remove(jobId);
        Path dir = config.dataDir().resolve("jobs").resolve(jobId).resolve("dataset");
        try {
            if (builder == null) {
                builder = new DatasetBuilder(config.toOptions(), tokenizer());
            }
            if (publisher.published(jobId) != null) {
                // An earlier run built and published this dataset; rebuilding would rewrite shards being trained on.
                LOG.infof("job %s: its dataset is already published", jobId);
                return true;
            }
            DatasetBuilder.Result result = builder.build(jobId, stats.repositoryId(), dir);
            String cancelled = cancellations.reason(jobId);
            if (cancelled != null) {
                // Cancelled while the dataset was being built: it must not look like a dataset, nor be announced.
                delete(dir);
                return announce(jobId, stats.emitted(), stats.emitted(), cancelled);
            }
            if (result instanceof DatasetBuilder.Empty empty) {
                // Nothing to train on is a result, not a crash: say so downstream and to the person.
                publisher.ready(new DatasetReady(jobId, stats.repositoryId(), dir.toString(), null, true,
                        empty.reason()));
                publisher.events().publish(jobId, JobEventType.COMPLETED, 0, 0, empty.reason(), Map.of());
                return true;
            }
            DatasetManifest manifest = ((DatasetBuilder.Built) result).manifest();
            publisher.ready(new DatasetReady(jobId, stats.repositoryId(), dir.toString(), manifest, false, null));
            String message = "dataset of " + manifest.tokens() + " tokens from " + manifest.commits() + " commits ("
                    + manifest.splits().get(0).tokens() + " train), " + manifest.epochs().epochs() + " epochs planned";
            publisher.events().publish(jobId, JobEventType.COMPLETED, manifest.chunks(), manifest.chunks(), message,
                    JobEvents.details(manifest));
            LOG.infof("job %s: %s", jobId, message);
            return true;
        } catch (java.util.concurrent.CompletionException e) {
            fail(jobId, e); // the broker refused the record: the input stays uncommitted, a restart tries again
            return false;
        } catch (RuntimeException e) {
            fail(jobId, e);
            return true;
        }
    }

    /**
     * Stops a cancelled job at this item: its chunks in memory (the shards it would have written) are dropped, no
     * dataset is published, and the rest of its stream is dropped as it comes. True: the item may be committed.
     */
    private boolean cancel(ChunkStreamItem item, String reason) {
        String jobId = item.jobId();
        jobs.remove(jobId);
        failed.remove(jobId);
        Set<String> taken = received.remove(jobId);
        long total = item instanceof ChunkingStats s ? s.emitted() : -1;
        return announce(jobId, taken == null ? 0 : taken.size(), total, reason);
    }

    private boolean announce(String jobId, long done, long total, String reason) {
        String message = "dataset not built: the job was cancelled after " + done
                + (total >= 0 ? " of " + total : "") + " chunks (" + reason + ")";
        if (cancellations.announce(jobId, done, total, message, Map.of())) {
            LOG.infof("job %s: %s", jobId, message);
        }
        return true;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warnf("could not remove the dataset of a cancelled job under %s: %s", dir, e.getMessage());
        }
    }

    /** The jobs cancelled (markers in the data directory) and this stage's one cancelled event per job. */
    public CancelledJobs cancellations() {
        return cancellations;
    }

    private void fail(String jobId, RuntimeException e) {
        LOG.errorf(e, "job %s: building the dataset failed", jobId);
        publisher.events().publish(jobId, JobEventType.FAILED, 0, -1, "building the dataset failed: " + e.getMessage(),
                Map.of());
    }

    private CodeTokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = loadTokenizer();
        }
        return tokenizer;
    }

    /** The configured tokenizer.json, or the built-in GPT-2 byte-level BPE written once under the data directory. */
    CodeTokenizer loadTokenizer() {
        return config.tokenizerPath().map(CodeTokenizer::load).orElseGet(() ->
                CodeTokenizer.gpt2(config.dataDir().resolve("tokenizers").resolve("gpt2-gitlore.json")));
    }

    @PreDestroy
    void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
