package io.gitlore.trainer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.TrainerFixtures;
import io.gitlore.trainer.checkpoint.HfCheckpoint;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.training.TrainingRun;

/**
 * Trains a TINY model on a dataset the tokenizer stage's builder makes from this repository's sources, exports it as
 * the trainer does, loads the exported directory back, encodes a source file with the exported tokenizer and writes
 * DJL's logits of two full-context rows to {@code <work>/djl-logits.json}, for {@code gpt2_reference.py --load}.
 * Usage (from trainer-service/): ExportedLogits work-dir [steps]
 */
public final class ExportedLogits {

    private ExportedLogits() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 60;
        DatasetReady ready = TrainerFixtures.dataset(work, "export-check", 60);
        Path modelDir = work.resolve("model");
        TrainingReport report = new TrainingRun(TrainerFixtures.settings(steps, 1000), Device.cpu(), Optional.empty())
                .train(ready, modelDir, (state, planned) -> { });
        System.out.printf("trained %d steps: test perplexity %.2f, vocabulary %d%n", report.run().stepsDone(),
                report.results().testPerplexity(), report.model().vocabularySize());
        String text = Files.readString(Path.of("src/main/java/io/gitlore/trainer/training/TrainingLoop.java"));
        try (GptModel model = HfCheckpoint.load(modelDir, Device.cpu());
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                     .optTokenizerPath(modelDir.resolve("tokenizer.json")).optAddSpecialTokens(false)
                     .optTruncation(false).optPadding(false).build();
             NDManager m = model.manager().newSubManager()) {
            int t = model.config().contextLength();
            long[] ids = Arrays.copyOf(tokenizer.encode(text, false, false).getIds(), 2 * t);
            float[] logits = model.logits(m.create(ids, new Shape(2, t)), null).toFloatArray();
            Path out = work.resolve("djl-logits.json");
            Json.MAPPER.writeValue(out.toFile(), Map.of("ids", new long[][] {Arrays.copyOf(ids, t),
                    Arrays.copyOfRange(ids, t, 2 * t)}, "logits", logits));
            System.out.printf("wrote %s: logits [2, %d, %d] of %s%n", out, t, model.config().vocabularySize(), modelDir);
        }
    }
}
