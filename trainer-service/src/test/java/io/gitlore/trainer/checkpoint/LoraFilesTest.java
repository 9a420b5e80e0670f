package io.gitlore.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.LoraAdapter;
import io.gitlore.trainer.model.Tensor;
import io.gitlore.trainer.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapters saved on their own in PEFT's layout: {@code adapter_config.json} with the configured rank, alpha,
 * dropout and targets, and {@code adapter_model.safetensors} with PEFT's names and its {@code [r, in]} /
 * {@code [out, r]} shapes (nn.Linear weights), holding the adapters' own values.
 */
class LoraFilesTest {

    @TempDir
    Path tmp;

    @Test
    void adaptersAreWrittenOnTheirOwnInPeftsLayout() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        TrainingSettings.Lora lora = new TrainingSettings.Lora(4, 8, 0.05, List.of("attn.c_attn", "mlp.c_proj"));
        try (GptModel model = HfCheckpoint.load(Path.of("src/test/resources/reference/tiny-gpt2"), Device.cpu())) {
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < model.config().layers(); i++) {
                for (String target : lora.targets()) {
                    var w = model.parameters().get("h." + i + "." + target + ".weight");
                    LoraAdapter adapter = LoraAdapter.create(model.manager(), w.getShape().get(0), w.getShape().get(1),
                            lora.rank(), lora.alpha(), lora.dropout(), random);
                    adapter.b().addi(0.5f); // B starts at zero: give it values, so a mix-up of A and B would show
                    model.addAdapter("h." + i + "." + target, adapter);
                }
            }
            Path dir = tmp.resolve("adapter");
            LoraFiles.save(model, lora, dir);

            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(Set.of("adapter_config.json", "adapter_model.safetensors"),
                        files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
            }
            JsonNode config = Json.MAPPER.readTree(dir.resolve("adapter_config.json").toFile());
            assertEquals("LORA", config.get("peft_type").asText());
            assertEquals("CAUSAL_LM", config.get("task_type").asText());
            assertEquals(4, config.get("r").asInt());
            assertEquals(8.0, config.get("lora_alpha").asDouble());
            assertEquals(0.05, config.get("lora_dropout").asDouble(), "the configured dropout");
            assertEquals("none", config.get("bias").asText());
            assertEquals(true, config.get("fan_in_fan_out").asBoolean(), "GPT-2's Conv1D stores weights [in, out]");
            assertEquals(List.of("attn.c_attn", "mlp.c_proj"),
                    Json.MAPPER.convertValue(config.get("target_modules"), List.class));

            Map<String, Tensor> tensors = Safetensors.read(dir.resolve("adapter_model.safetensors"));
            assertEquals("pt", Safetensors.metadata(dir.resolve("adapter_model.safetensors")).get("format"));
            Set<String> expected = new TreeSet<>();
            int width = model.config().width();
            for (int i = 0; i < 2; i++) {
                for (String target : lora.targets()) {
                    String prefix = "base_model.model.transformer.h." + i + "." + target;
                    expected.add(prefix + ".lora_A.weight");
                    expected.add(prefix + ".lora_B.weight");
                    long in = target.equals("attn.c_attn") ? width : 4L * width;
                    long out = target.equals("attn.c_attn") ? 3L * width : width;
                    Tensor a = tensors.get(prefix + ".lora_A.weight");
                    Tensor b = tensors.get(prefix + ".lora_B.weight");
                    assertArrayEquals(new long[] {4, in}, a.shape(), prefix + " A");
                    assertArrayEquals(new long[] {out, 4}, b.shape(), prefix + " B");
                    LoraAdapter adapter = model.adapters().get("h." + i + "." + target);
                    assertArrayEquals(adapter.a().transpose().toFloatArray(), a.data(), prefix + " A values");
                    assertArrayEquals(adapter.b().transpose().toFloatArray(), b.data(), prefix + " B values");
                }
            }
            assertEquals(expected, new TreeSet<>(tensors.keySet()), "only the adapters, with PEFT's names");
        }
    }
}
