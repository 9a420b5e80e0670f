package io.gitlore.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.training.TrainingReport;

/** One job the suite submitted, and what the topics say about it so far. */
final class JobRun {

    static final List<String> STAGES = List.of("scrape", "chunk", "dataset", "embed", "training");

    final String jobId;
    final Path repository;
    final String repositoryId;
    final Instant submitted = Instant.now();
    private final Pipeline pipeline;

    JobRun(Pipeline pipeline, String jobId, Path repository, String repositoryId) {
        this.pipeline = pipeline;
        this.jobId = jobId;
        this.repository = repository;
        this.repositoryId = repositoryId;
    }

    List<JobEvent> events() {
        return pipeline.events.values(e -> jobId.equals(e.jobId()));
    }

    List<JobEvent> events(String stage, JobEventType type) {
        return pipeline.events.values(e -> jobId.equals(e.jobId()) && stage.equals(e.stage()) && e.type() == type);
    }

    /** The job's events on the topic so far, every stage's, duplicates included: the gateway's input. */
    long eventsOut() {
        return events().size();
    }

    long commitsOut() {
        return pipeline.commits.values(i -> jobId.equals(i.jobId()) && i instanceof CommitRecord).size();
    }

    long chunksOut() {
        return pipeline.chunks.values(i -> jobId.equals(i.jobId()) && i instanceof ChunkRecord).size();
    }

    long trainingStep() {
        return events("training", JobEventType.PROGRESS).stream().mapToLong(JobEvent::done).max().orElse(0);
    }

    boolean completed(String stage) {
        return !events(stage, JobEventType.COMPLETED).isEmpty();
    }

    TrainingReport report() {
        List<TrainingReport> reports = pipeline.reports.values(r -> jobId.equals(r.jobId()));
        return reports.isEmpty() ? null : reports.get(reports.size() - 1);
    }

    /** Every stage completed and the training report is out. */
    boolean done() {
        return report() != null && STAGES.stream().allMatch(this::completed);
    }

    /** The first failure any stage reported, or null. */
    JobEvent failure() {
        return events().stream().filter(e -> e.type() == JobEventType.FAILED).findFirst().orElse(null);
    }

    /** Seconds from submission to each stage's last completed event, for the log. */
    Map<String, String> timeline() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String stage : STAGES) {
            List<JobEvent> done = events(stage, JobEventType.COMPLETED);
            out.put(stage, done.isEmpty() ? "-" : String.format("%.1fs",
                    Duration.between(submitted, done.get(done.size() - 1).at()).toMillis() / 1000.0));
        }
        return out;
    }
}
