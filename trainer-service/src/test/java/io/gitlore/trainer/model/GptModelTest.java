package io.gitlore.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.checkpoint.HfCheckpoint;
import io.gitlore.trainer.training.AdamW;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model against an independent GPT-2 forward pass in plain PyTorch ({@code bench/reference/gpt2_reference.py},
 * which also wrote the checkpoint in the Hugging Face layout), export/import, the KV cache and LoRA.
 */
class GptModelTest {

    static final Path REFERENCE = Path.of("src/test/resources/reference/tiny-gpt2");
    static long[][] ids;
    static float[][][] expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void reference() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        JsonNode json = Json.MAPPER.readTree(REFERENCE.resolve("logits.json").toFile());
        ids = Json.MAPPER.convertValue(json.get("ids"), long[][].class);
        expected = Json.MAPPER.convertValue(json.get("logits"), float[][][].class);
    }

    static float[] logits(GptModel model, long[][] batch) {
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
            long[] flat = new long[batch.length * batch[0].length];
            for (int b = 0; b < batch.length; b++) {
                System.arraycopy(batch[b], 0, flat, b * batch[0].length, batch[0].length);
            }
            return model.logits(m.create(flat, new Shape(batch.length, batch[0].length)), null).toFloatArray();
        }
    }

    static float[] flatten(float[][][] v) {
        List<Float> out = new ArrayList<>();
        for (float[][] a : v) {
            for (float[] b : a) {
                for (float f : b) {
                    out.add(f);
                }
            }
        }
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    @Test
    void logitsOfADownloadedLayoutCheckpointMatchAnIndependentPyTorchForwardPass() {
        try (GptModel model = HfCheckpoint.load(REFERENCE, Device.cpu())) {
            assertEquals(new GptConfig(97, 32, 2, 4, 64, 1e-5), model.config());
            float[] actual = logits(model, ids);
            float[] reference = flatten(expected);
            assertEquals(reference.length, actual.length);
            double worst = 0;
            for (int i = 0; i < actual.length; i++) {
                worst = Math.max(worst, Math.abs(actual[i] - reference[i]));
            }
            assertTrue(worst < 1e-4, "largest logit difference " + worst);
        }
    }

    @Test
    void anExportedModelLoadsBackToIdenticalLogits() throws Exception {
        try (GptModel model = HfCheckpoint.load(REFERENCE, Device.cpu())) {
            HfCheckpoint.save(model, tmp);
            try (GptModel again = HfCheckpoint.load(tmp, Device.cpu())) {
                assertArrayEquals(logits(model, ids), logits(again, ids));
            }
            JsonNode config = Json.MAPPER.readTree(tmp.resolve("config.json").toFile());
            assertEquals("gpt2", config.get("model_type").asText());
            assertEquals(97, config.get("vocab_size").asInt());
        }
    }

    @Test
    void aCheckpointDirectoryMissingAFileIsAClearError() throws Exception {
        Files.copy(REFERENCE.resolve("config.json"), tmp.resolve("config.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HfCheckpoint.load(tmp, Device.cpu()));
        assertTrue(e.getMessage().contains("lacks model.safetensors"), e.getMessage());
    }

    @Test
    void generationWithTheKvCacheEqualsGenerationWithout() {
        try (GptModel model = HfCheckpoint.load(REFERENCE, Device.cpu())) {
            Generator.Sampling greedy = new Generator.Sampling(0, 0, 1, 1);
            List<Integer> cached = Generator.generate(model, ids[0], 16, greedy, true, t -> true);
            List<Integer> full = Generator.generate(model, ids[0], 16, greedy, false, t -> true);
            assertEquals(full, cached);
            assertEquals(16, cached.size());
            Generator.Sampling sampled = new Generator.Sampling(0.9, 20, 0.9, 7);
            assertEquals(Generator.generate(model, ids[1], 12, sampled, true, t -> true),
                    Generator.generate(model, ids[1], 12, sampled, false, t -> true));
        }
    }

    @Test
    void loraTrainsOnlyTheAdaptersAndMergingEqualsAdapterInference() {
        try (GptModel model = HfCheckpoint.load(REFERENCE, Device.cpu())) {
            Map<String, Tensor> before = model.toTensors();
            SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < model.config().layers(); i++) {
                for (String target : List.of("attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj")) {
                    NDArray w = model.parameters().get("h." + i + "." + target + ".weight");
                    model.addAdapter("h." + i + "." + target, LoraAdapter.create(model.manager(),
                            w.getShape().get(0), w.getShape().get(1), 4, 8, 0.1, random));
                }
            }
            try (AdamW optimiser = new AdamW(model.trainable(), 0.9, 0.95, 1e-8, 0.0)) {
                for (int step = 0; step < 5; step++) {
                    try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager();
                         GradientCollector c = Engine.getInstance().newGradientCollector()) {
                        NDArray in = m.create(ids[0], new Shape(1, ids[0].length));
                        NDArray target = m.create(ids[1], new Shape(1, ids[1].length));
                        NDArray loss = LmLoss.crossEntropy(model.logits(in, null), target,
                                m.ones(new Shape(1, ids[0].length)));
                        c.backward(loss);
                    }
                    optimiser.update(1e-2, 1.0);
                }
            }
            Map<String, Tensor> after = model.toTensors();
            before.forEach((name, t) -> assertArrayEquals(t.data(), after.get(name).data(), name + " changed"));
            boolean adapted = model.adapters().values().stream()
                    .anyMatch(a -> a.b().abs().sum().getFloat() > 0);
            assertTrue(adapted, "the adapters should have moved");
            float[] withAdapters = logits(model, ids);
            assertArrayEquals(withAdapters, logits(model, ids), "no LoRA dropout outside training");
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                assertFalse(java.util.Arrays.equals(logits(model, ids), logits(model, ids)),
                        "LoRA dropout 0.1 while training");
            }
            float[] base;
            try (GptModel plain = HfCheckpoint.load(REFERENCE, Device.cpu())) {
                base = logits(plain, ids);
            }
            assertFalse(java.util.Arrays.equals(base, withAdapters));
            model.mergeAdapters();
            float[] merged = logits(model, ids);
            for (int i = 0; i < merged.length; i++) {
                assertEquals(withAdapters[i], merged[i], 1e-4, "logit " + i);
            }
        }
    }
}
