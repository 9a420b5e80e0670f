package io.gitlore.trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetOptions;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.tokenizer.bpe.CodeTokenizer;
import io.gitlore.tokenizer.dataset.DatasetBuilder;
import io.gitlore.testsupport.ChunkRecords;
import io.gitlore.testsupport.Mappings;
import io.gitlore.trainer.config.TrainerConfig;
import io.gitlore.trainer.training.TrainingSettings;

/**
 * Builds real datasets with the tokenizer stage's own {@link DatasetBuilder} and GPT-2 tokenizer, from real source
 * text (this project's Java sources, one file per commit in path order), and training settings for tests.
 */
public final class TrainerFixtures {

    private TrainerFixtures() {
    }

    /** A dataset of about {@code maxFiles} source files under {@code dir}. */
    public static DatasetReady dataset(Path dir, String jobId, int maxFiles) {
        DatasetOptions options = new DatasetOptions(64, 16, 32, 0.8, 0.1, 1, 4, 4, 8, true);
        try (CodeTokenizer tokenizer = CodeTokenizer.gpt2(dir.resolve("gpt2.json"))) {
            DatasetBuilder builder = new DatasetBuilder(options, tokenizer);
            Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
            List<Path> files = sources();
            for (int i = 0; i < Math.min(maxFiles, files.size()); i++) {
                String code = Files.readString(files.get(i));
                String hash = String.format("%040x", i + 1);
                builder.add(ChunkRecords.function(hash + i, code).jobId(jobId).repositoryId("repo").commit(hash)
                        .commitIndex(i).path(files.get(i).toString()).language("java").unitType("file")
                        .time(t0.plusSeconds(3600L * i)).subject("Add f" + i).contentHash("h" + i).build(), ref -> "");
            }
            Path out = dir.resolve("dataset");
            DatasetManifest manifest = ((DatasetBuilder.Built) builder.build(jobId, "repo", out)).manifest();
            return new DatasetReady(jobId, "repo", out.toString(), manifest, false, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Java sources of this repository's modules (about 200 files), in a fixed order: real code whose exact content
     * changes with the project, so tests assert what holds for any such corpus, never exact figures.
     */
    static List<Path> sources() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> modules = List.of("contracts", "scraper-core", "chunker-service", "tokenizer-service",
                "embedder-service", "test-support");
        List<Path> files = new java.util.ArrayList<>();
        for (String module : modules) {
            Path dir = root.resolve(module).resolve("src/main/java");
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                }
            }
        }
        if (files.size() < 100) {
            throw new IllegalStateException("expected at least 100 source files under " + root + ", found "
                    + files.size());
        }
        return files;
    }

    /**
     * Tiny-model settings sized for tests (a few steps, frequent checkpoints), the rest the service's defaults;
     * {@code more}: further name/value pairs, which win over these.
     */
    public static TrainingSettings settings(long maxSteps, int checkpointEvery, String... more) {
        List<String> pairs = new java.util.ArrayList<>(List.of("max-steps", Long.toString(maxSteps),
                "checkpoint-every", Integer.toString(checkpointEvery), "batch-size", "4", "learning-rate", "2e-3",
                "eval-every", "10", "eval-tokens", "4096", "log-every", "1", "sample-interval", "1s"));
        pairs.addAll(List.of(more));
        return Mappings.of(TrainerConfig.class, pairs.toArray(String[]::new)).settings();
    }
}
