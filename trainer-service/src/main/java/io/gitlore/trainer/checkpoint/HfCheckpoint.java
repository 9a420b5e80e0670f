package io.gitlore.trainer.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;
import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.model.GptConfig;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.Tensor;

/**
 * Loads a GPT-2-family model from, and saves it to, a directory in the layout people download and
 * {@code transformers} loads ({@code config.json} + {@code model.safetensors}, names with or without the
 * {@code transformer.} prefix, the tied {@code lm_head.weight} left out as {@code save_pretrained} does).
 */
public final class HfCheckpoint {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    private static final String PREFIX = "transformer.";

    private HfCheckpoint() {
    }

    public static GptModel load(Path dir, Device device) {
        for (String required : new String[] {CONFIG, WEIGHTS}) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                throw new IllegalArgumentException("checkpoint directory " + dir.toAbsolutePath() + " lacks "
                        + required + " (a GPT-2 checkpoint holds config.json and model.safetensors)");
            }
        }
        try {
            GptConfig config = GptConfig.fromHuggingFace(Json.MAPPER.readTree(dir.resolve(CONFIG).toFile()));
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Safetensors.read(dir.resolve(WEIGHTS)).forEach((name, t) -> {
                String bare = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
                // attn.bias / masked_bias are the causal-mask buffers of old exports, not weights.
                if (!bare.matches("h\\.\\d+\\.attn\\.(bias|masked_bias)") && !bare.equals("lm_head.weight")) {
                    tensors.put(bare, t);
                }
            });
            return GptModel.fromTensors(config, device, tensors);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint directory " + dir.toAbsolutePath() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Writes {@code config.json} and {@code model.safetensors}; adapters must be merged first. */
    public static void save(GptModel model, Path dir) throws IOException {
        if (!model.adapters().isEmpty()) {
            throw new IllegalStateException("merge the LoRA adapters before exporting a full model");
        }
        Files.createDirectories(dir);
        Map<String, Tensor> named = new LinkedHashMap<>();
        model.toTensors().forEach((name, t) -> named.put(PREFIX + name, t));
        Safetensors.write(dir.resolve(WEIGHTS), named, Map.of("format", "pt"));
        Path tmp = dir.resolve(CONFIG + ".tmp");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), model.config().toHuggingFace());
        Files.move(tmp, dir.resolve(CONFIG), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
