package io.gitlore.gateway.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.job.JobOptions;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.training.TrainingReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A whole run as one document, in the layout of the local pipeline's {@code MANIFEST.json}: what was asked, how it
 * ended, each stage's timing, and what each stage produced (repository summary, chunking statistics, the dataset and
 * its epoch plan, the index, the training report). A stage not heard from yet is absent.
 *
 * @param options  the job's own training options, null when the trainer's configuration held
 * @param message  the reason when the run failed or was cancelled, else each completed stage's last message
 * @param seconds  from the submission to the last event
 */
@Schema(name = "RunManifest", description = "The whole run: repository stats, chunking stats, dataset manifest and "
        + "epoch plan, per-stage timings, the index and the training report.")
public record RunManifest(String jobId, String repository, String repositoryId, List<String> refs, JobOptions options,
                          JobStatus status,
                          List<String> message, Instant startedAt, Instant finishedAt, Double seconds,
                          List<Timing> timings, Stages stages) {

    /** One stage's span: its first and last event, and how it ended. */
    public record Timing(String stage, JobEventType state, Instant startedAt, Instant endedAt, double seconds,
                         long done, long total) {
    }

    /** What each stage produced. */
    public record Stages(Scrape scrape, Chunk chunk, Dataset dataset, Map<String, Object> index,
                         TrainingReport training) {
    }

    /** The scrape: commits emitted, where their big content went, the repository summary. */
    public record Scrape(long commits, String blobStore, RepositorySummary summary) {
    }

    /** The chunking: chunks emitted and the chunker's statistics. */
    public record Chunk(long chunks, @JsonProperty("chunking_stats") ChunkingStats chunkingStats) {
    }

    /**
     * The dataset: its directory and manifest file, or why it is empty; tokens, the time-ordered splits and the
     * epoch plan, and the whole manifest.
     */
    public record Dataset(String directory, boolean empty, String reason, String manifest, Long tokens,
                          List<Split> splits, DatasetManifest.EpochPlan epochs,
                          @JsonProperty("datasetManifest") DatasetManifest full) {
    }

    /** One split's size and time span. */
    public record Split(String name, long tokens, long commits, Instant from, Instant to) {
    }
}
