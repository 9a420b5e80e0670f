package io.gitlore.tokenizer.service;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetOptions;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEventType;
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
 * {@code <data>/jobs/<job>/dataset} and publishes {@link DatasetReady} and the job's completed (or failed) event.
 */
@ApplicationScoped
public class DatasetJobService {

    private static final Logger LOG = Logger.getLogger(DatasetJobService.class);

    private final TokenizerConfig config;
    private final DatasetPublisher publisher;
    private final BlobStore blobs;
    private final Map<String, DatasetBuilder> jobs = new ConcurrentHashMap<>();
    private CodeTokenizer tokenizer;

    public DatasetJobService(TokenizerConfig config, DatasetPublisher publisher) {
        this.config = config;
        this.publisher = publisher;
        this.blobs = new BlobStore(config.dataDir());
        // DJL must never reach the network: its natives come from the tokenizers jar.
        DjlEnvironment.configure(config.dataDir());
    }

    public synchronized void handle(ChunkStreamItem item) {
        if (item instanceof ChunkRecord chunk) {
            DatasetBuilder builder = jobs.get(chunk.jobId());
            if (builder == null) {
                builder = new DatasetBuilder(options(), tokenizer());
                jobs.put(chunk.jobId(), builder);
                publisher.events().publish(chunk.jobId(), JobEventType.ACCEPTED, 0, -1, "building the dataset", Map.of());
            }
            builder.add(chunk, ref -> new String(blobs.get(ref), java.nio.charset.StandardCharsets.UTF_8));
        } else if (item instanceof ChunkingStats stats) {
            finish(stats);
        }
    }

    private void finish(ChunkingStats stats) {
        String jobId = stats.jobId();
        DatasetBuilder builder = jobs.remove(jobId);
        Path dir = config.dataDir().resolve("jobs").resolve(jobId).resolve("dataset");
        try {
            if (builder == null) {
                builder = new DatasetBuilder(options(), tokenizer());
            }
            DatasetManifest manifest = builder.build(jobId, stats.repositoryId(), dir);
            publisher.ready(new DatasetReady(jobId, stats.repositoryId(), dir.toString(), manifest, false, null));
            String message = "dataset of " + manifest.tokens() + " tokens from " + manifest.commits() + " commits ("
                    + manifest.splits().get(0).tokens() + " train), " + manifest.epochs().epochs() + " epochs planned";
            publisher.events().publish(jobId, JobEventType.COMPLETED, manifest.chunks(), manifest.chunks(), message,
                    JobEvents.details(manifest));
            LOG.infof("job %s: %s", jobId, message);
        } catch (IllegalStateException e) {
            // Nothing to train on is a result, not a crash: say so downstream and to the person.
            publisher.ready(new DatasetReady(jobId, stats.repositoryId(), dir.toString(), null, true, e.getMessage()));
            publisher.events().publish(jobId, JobEventType.COMPLETED, 0, 0, e.getMessage(), Map.of());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: building the dataset failed", jobId);
            publisher.events().publish(jobId, JobEventType.FAILED, 0, -1, "building the dataset failed: " + e.getMessage(),
                    Map.of());
        }
    }

    private DatasetOptions options() {
        return new DatasetOptions(config.contextLength(), config.targetLength(), config.stride(),
                config.trainShare(), config.validationShare(), config.targetTokens(), config.minEpochs(),
                config.maxEpochs(), config.batchSize(), config.skipDuplicates());
    }

    /** The configured tokenizer.json, or the built-in GPT-2 byte-level BPE written once under the data directory. */
    private CodeTokenizer tokenizer() {
        if (tokenizer == null) {
            tokenizer = config.tokenizerPath().map(CodeTokenizer::load).orElseGet(() ->
                    CodeTokenizer.gpt2(config.dataDir().resolve("tokenizers").resolve("gpt2-gitlore.json")));
        }
        return tokenizer;
    }

    @PreDestroy
    void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
