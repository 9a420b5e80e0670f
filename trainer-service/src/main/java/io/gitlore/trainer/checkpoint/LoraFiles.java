package io.gitlore.trainer.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.LoraAdapter;
import io.gitlore.trainer.model.Tensor;
import io.gitlore.trainer.training.TrainingSettings;

/**
 * Writes a model's LoRA adapters on their own in PEFT's layout ({@code adapter_config.json} +
 * {@code adapter_model.safetensors}, {@code lora_A.weight [r, in]}, {@code lora_B.weight [out, r]}).
 */
public final class LoraFiles {

    private LoraFiles() {
    }

    public static void save(GptModel model, TrainingSettings.Lora lora, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, LoraAdapter> e : model.adapters().entrySet()) {
            String prefix = "base_model.model.transformer." + e.getKey();
            tensors.put(prefix + ".lora_A.weight", Tensor.of(e.getValue().a().transpose()));
            tensors.put(prefix + ".lora_B.weight", Tensor.of(e.getValue().b().transpose()));
        }
        Safetensors.write(dir.resolve("adapter_model.safetensors"), tensors, Map.of("format", "pt"));
        ObjectNode config = Json.MAPPER.createObjectNode();
        config.put("peft_type", "LORA");
        config.put("task_type", "CAUSAL_LM");
        config.put("r", lora.rank());
        config.put("lora_alpha", lora.alpha());
        config.put("lora_dropout", lora.dropout());
        config.put("bias", "none");
        config.put("fan_in_fan_out", true);
        var targets = config.putArray("target_modules");
        lora.targets().forEach(targets::add);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("adapter_config.json").toFile(), config);
    }
}
