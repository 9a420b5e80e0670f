package io.gitlore.trainer.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.checkpoint.HfCheckpoint;
import io.gitlore.trainer.config.TrainerConfig;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.training.TrainingRun;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the trained models under {@code <data>/jobs/*}/model (each with its report) and keeps the two most recently
 * used loaded, with their tokenizers, for generation.
 */
@ApplicationScoped
public class ModelRegistry {

    /** A loaded model and its tokenizer. */
    public record Loaded(String jobId, GptModel model, HuggingFaceTokenizer tokenizer) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
            tokenizer.close();
        }
    }

    private static final int KEEP = 2;
    private final TrainerConfig config;
    private final TrainJobService jobs;
    private final LinkedHashMap<String, Loaded> loaded = new LinkedHashMap<>(4, 0.75f, true);

    public ModelRegistry(TrainerConfig config, TrainJobService jobs) {
        this.config = config;
        this.jobs = jobs;
    }

    /** Every completed model's report, newest first. */
    public List<TrainingReport> reports() {
        Path root = config.dataDir().resolve("jobs");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<TrainingReport> out = new ArrayList<>();
        try (Stream<Path> jobsDirs = Files.list(root)) {
            for (Path dir : jobsDirs.toList()) {
                Path report = dir.resolve("model").resolve(TrainingRun.REPORT);
                if (Files.isRegularFile(report)) {
                    TrainingReport r = Json.MAPPER.readValue(report.toFile(), TrainingReport.class);
                    if (r.status() == TrainingReport.Status.COMPLETED) {
                        out.add(r);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(TrainingReport::createdAt).reversed());
        return out;
    }

    /** The model of a job, or the newest when {@code jobId} is null; IllegalArgumentException when there is none. */
    public synchronized Loaded get(String jobId) {
        String id = jobId;
        if (id == null || id.isBlank()) {
            List<TrainingReport> all = reports();
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no trained model yet: run a job first");
            }
            id = all.get(0).jobId();
        }
        Loaded model = loaded.get(id);
        if (model != null) {
            return model;
        }
        Path dir = jobs.modelDir(id);
        if (!Files.isRegularFile(dir.resolve(TrainingRun.REPORT))) {
            throw new IllegalArgumentException("job " + id + " has no trained model");
        }
        try {
            model = new Loaded(id, HfCheckpoint.load(dir, jobs.device()),
                    HuggingFaceTokenizer.builder().optTokenizerPath(dir.resolve("tokenizer.json"))
                            .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loaded.put(id, model);
        if (loaded.size() > KEEP) {
            Map.Entry<String, Loaded> eldest = loaded.entrySet().iterator().next();
            loaded.remove(eldest.getKey());
            eldest.getValue().close();
        }
        return model;
    }

    @PreDestroy
    synchronized void close() {
        loaded.values().forEach(Loaded::close);
        loaded.clear();
    }
}
