package io.gitlore.gateway.service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.gateway.store.StoredJob;
import org.jboss.logging.Logger;

/**
 * Assembles a {@link RunManifest} from what the gateway consumed for one job: the stages' events (each completed
 * stage's details hold its summary: the scraper's {@link RepositorySummary}, the chunker's {@link ChunkingStats},
 * the tokenizer's {@link DatasetManifest}, the embedder's index figures), the dataset-ready record (the dataset's
 * directory, or why it is empty) and the training report.
 */
public final class RunManifests {

    private static final Logger LOG = Logger.getLogger(RunManifests.class);

    private final List<String> stages;
    private final Path dataDir;

    public RunManifests(List<String> stages, Path dataDir) {
        this.stages = List.copyOf(stages);
        this.dataDir = dataDir.toAbsolutePath();
    }

    public RunManifest of(StoredJob job, Optional<DatasetReady> dataset, Optional<TrainingReport> report) {
        JobView view = JobView.of(job, stages);
        Map<String, JobEvent> completed = new LinkedHashMap<>();
        job.events().stream().filter(e -> e.type() == JobEventType.COMPLETED)
                .forEach(e -> completed.putIfAbsent(e.stage(), e));
        List<RunManifest.Timing> timings = view.stages().stream().map(s -> new RunManifest.Timing(s.stage(),
                s.state(), s.firstEventAt(), s.lastEventAt(), seconds(s.firstEventAt(), s.lastEventAt()), s.done(),
                s.total())).toList();
        List<String> message = view.error() != null ? List.of(view.error())
                : completed.values().stream().map(e -> "[" + e.stage() + "] " + e.message()).toList();
        Instant finished = view.status().finished() ? view.updatedAt() : null;
        Instant end = finished != null ? finished : view.updatedAt();
        RunManifest.Stages produced = new RunManifest.Stages(scrape(completed.get("scrape")),
                chunk(completed.get("chunk")), dataset(dataset, completed.get("dataset")), index(completed.get("embed")),
                report.orElse(null));
        return new RunManifest(view.jobId(), view.repository(), view.repositoryId(), view.refs(), view.options(),
                view.status(), message, view.createdAt(), finished, view.createdAt() == null || end == null ? null
                : seconds(view.createdAt(), end), timings, produced);
    }

    private RunManifest.Scrape scrape(JobEvent done) {
        if (done == null) {
            return null;
        }
        return new RunManifest.Scrape(done.done(), dataDir.resolve("blobs").toString(),
                details(done, RepositorySummary.class));
    }

    private static RunManifest.Chunk chunk(JobEvent done) {
        if (done == null) {
            return null;
        }
        ChunkingStats stats = details(done, ChunkingStats.class);
        return new RunManifest.Chunk(stats != null ? stats.emitted() : done.total(), stats);
    }

    private static RunManifest.Dataset dataset(Optional<DatasetReady> ready, JobEvent done) {
        DatasetManifest manifest = ready.map(DatasetReady::manifest)
                .orElseGet(() -> done == null ? null : details(done, DatasetManifest.class));
        if (ready.isEmpty() && manifest == null) {
            return done == null ? null : new RunManifest.Dataset(null, true, done.message(), null, null, null,
                    null, null);
        }
        String directory = ready.map(DatasetReady::directory).orElse(null);
        boolean empty = ready.map(DatasetReady::empty).orElse(false);
        if (manifest == null) {
            return new RunManifest.Dataset(directory, empty, ready.map(DatasetReady::reason).orElse(null), null,
                    null, null, null, null);
        }
        List<RunManifest.Split> splits = new ArrayList<>();
        manifest.splits().forEach(s -> splits.add(new RunManifest.Split(s.name(), s.tokens(), s.commits(),
                s.firstTime(), s.lastTime())));
        return new RunManifest.Dataset(directory, empty, null,
                directory == null ? null : Path.of(directory).resolve("manifest.json").toString(), manifest.tokens(),
                splits, manifest.epochs(), manifest);
    }

    /** The embedder's figures; a Lucene index lives in the data directory under the repository id. */
    private Map<String, Object> index(JobEvent done) {
        if (done == null) {
            return null;
        }
        Map<String, Object> index = new LinkedHashMap<>(done.details());
        if ("lucene".equals(index.get("store")) && index.get("repositoryId") != null) {
            index.put("directory", dataDir.resolve("index").resolve(index.get("repositoryId").toString()).toString());
        }
        return index;
    }

    /** A stage's summary record, read back from its completed event's details (null when it does not parse). */
    private static <T> T details(JobEvent event, Class<T> type) {
        if (event.details() == null || event.details().isEmpty()) {
            return null;
        }
        try {
            return Json.MAPPER.convertValue(event.details(), type);
        } catch (IllegalArgumentException e) {
            LOG.debugf("job %s: the %s stage's details are not a %s: %s", event.jobId(), event.stage(),
                    type.getSimpleName(), e.getMessage());
            return null;
        }
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Duration.between(from, to).toMillis() / 1000.0;
    }
}
