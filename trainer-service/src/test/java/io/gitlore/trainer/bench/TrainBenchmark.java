package io.gitlore.trainer.bench;

import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;

import ai.djl.Device;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.model.Generator;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.Preset;
import io.gitlore.trainer.training.Checkpoints;
import io.gitlore.trainer.training.LoopState;
import io.gitlore.trainer.training.Objective;
import io.gitlore.trainer.training.Sequences;
import io.gitlore.trainer.training.TokenData;
import io.gitlore.trainer.training.TrainingListener;
import io.gitlore.trainer.training.TrainingLoop;
import io.gitlore.trainer.training.TrainingSettings;
import io.gitlore.trainer.vocab.VocabularyPruner;

/**
 * Training tokens/s of the trainer's own loop (the TINY preset on a real dataset, pruned vocabulary, AdamW, clipping)
 * after warm-up steps, and generation tokens/s with and without the KV cache; writes the rows it trained on and the
 * shape to {@code <out>} so {@code bench/reference/train_reference.py} trains the same model on the same rows.
 * Usage: TrainBenchmark dataset-dir out-dir [warmup-steps] [timed-steps] [micro-batch]
 */
public final class TrainBenchmark {

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int timed = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        DatasetManifest manifest = Json.MAPPER.readValue(dataset.resolve("manifest.json").toFile(),
                DatasetManifest.class);
        List<TokenData> splits = manifest.splits().stream().map(s -> TokenData.open(dataset, s)).toList();
        BitSet used = new BitSet();
        splits.forEach(s -> s.collectIds(used));
        VocabularyPruner.Pruned pruned = VocabularyPruner.prune(dataset.resolve(manifest.tokenizerFile()), used);
        boolean prune = !"false".equals(System.getProperty("bench.prune"));
        int vocabulary = prune ? pruned.size() : manifest.vocabularySize();
        var config = Preset.TINY.config(vocabulary);
        Sequences train = new Sequences(splits.get(0), Objective.PACKED, config.contextLength(), 0,
                prune ? pruned.oldToNew() : null);
        int steps = warmup + timed;
        java.nio.file.Files.createDirectories(out);
        writeRows(train, steps * batch, out.resolve("rows.bin"));
        Json.MAPPER.writeValue(out.resolve("shape.json").toFile(), java.util.Map.of("vocab", vocabulary,
                "context", config.contextLength(), "layers", config.layers(), "heads", config.heads(),
                "width", config.width(), "batch", batch, "warmup", warmup, "timed", timed));
        TrainingSettings settings = new TrainingSettings(Preset.TINY, prune, Objective.PACKED, batch, batch, 1e-3, 0.1,
                1.0, steps, Duration.ZERO, Integer.MAX_VALUE, 4096, 3, 1e-4, Integer.MAX_VALUE, 1, 42,
                TrainingSettings.Lora.none(), Duration.ofSeconds(10));
        long[] marks = new long[2];
        long[] tokensAt = new long[2];
        try (GptModel model = GptModel.initialise(config, Device.cpu(), 42)) {
            TrainingLoop.Plan plan = TrainingLoop.plan(settings, train.count(), 1000, batch, 1, 1e-3);
            new TrainingLoop(model, java.util.List.of(Device.cpu()), settings, train, train, new Checkpoints(java.nio.file.Files.createTempDirectory(
                    "bench-ckpt")), new TrainingListener() {
                @Override
                public void progress(LoopState state, long planned) {
                    if (state.step == warmup) {
                        marks[0] = System.nanoTime();
                        tokensAt[0] = state.tokensSeen;
                    } else if (state.step == steps) {
                        marks[1] = System.nanoTime();
                        tokensAt[1] = state.tokensSeen;
                    }
                }
            }).run(plan);
            double seconds = (marks[1] - marks[0]) / 1e9;
            System.out.printf("gitlore trainer: vocab %d, context %d, batch %d: %.0f tokens/s over %d timed steps%n",
                    vocabulary, config.contextLength(), batch, (tokensAt[1] - tokensAt[0]) / seconds, timed);
            long[] prompt = new long[16];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = i + 1;
            }
            for (boolean cache : new boolean[] {false, true}) {
                Generator.Sampling greedy = new Generator.Sampling(0, 0, 1, 1);
                Generator.generate(model, prompt, 16, greedy, cache, t -> true);
                long t0 = System.nanoTime();
                int n = Generator.generate(model, prompt, 200, greedy, cache, t -> true).size();
                System.out.printf("generation %s KV cache: %.1f tokens/s (%d tokens after a %d-token prompt)%n",
                        cache ? "with" : "without", n / ((System.nanoTime() - t0) / 1e9), n, prompt.length);
            }
        }
    }

    private static void writeRows(Sequences rows, int count, Path file) throws Exception {
        int t = rows.context();
        long[] input = new long[t];
        long[] target = new long[t];
        float[] weight = new float[t];
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                new FileOutputStream(file.toFile())))) {
            ByteBuffer buf = ByteBuffer.allocate(8 * (t + 1)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                rows.fill(i % rows.count(), 0, input, target, weight);
                buf.clear();
                for (long v : input) {
                    buf.putLong(v);
                }
                buf.putLong(target[t - 1]);
                out.write(buf.array());
            }
        }
    }
}
