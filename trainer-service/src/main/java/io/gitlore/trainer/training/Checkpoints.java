package io.gitlore.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.checkpoint.Safetensors;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.Tensor;

/**
 * Writes and reads a run's resumable checkpoint ({@code checkpoint.safetensors}: trainable weights, AdamW moments and
 * the loop state as metadata, one atomic rename) and its best weights ({@code best.safetensors}).
 */
public final class Checkpoints {

    private static final String LATEST = "checkpoint.safetensors";
    private static final String BEST = "best.safetensors";
    private final Path dir;

    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    /** The resumable checkpoint's file (there once the first one is saved). */
    public Path latest() {
        return dir.resolve(LATEST);
    }

    /** The step the resumable checkpoint holds; empty when none was saved. */
    public OptionalLong savedStep() throws IOException {
        Path file = dir.resolve(LATEST);
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Json.MAPPER.readValue(Safetensors.metadata(file).get("state"), LoopState.class).step);
    }

    public void save(GptModel model, AdamW optimiser, LoopState state) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.trainable().forEach((name, a) -> tensors.put("model." + name, Tensor.of(a)));
        optimiser.state().forEach((name, t) -> tensors.put("adam." + name, t));
        Safetensors.write(dir.resolve(LATEST), tensors, Map.of("state", Json.MAPPER.writeValueAsString(state),
                "adam_step", Long.toString(optimiser.step())));
    }

    /** Restores weights and moments from the latest checkpoint, giving its loop state; empty when there is none. */
    public Optional<LoopState> restore(GptModel model, AdamW optimiser) throws IOException {
        Path file = dir.resolve(LATEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Tensor> tensors = Safetensors.read(file);
        Map<String, String> meta = Safetensors.metadata(file);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> moments = new LinkedHashMap<>();
        tensors.forEach((name, t) -> {
            if (name.startsWith("model.")) {
                weights.put(name.substring(6), t);
            } else if (name.startsWith("adam.")) {
                moments.put(name.substring(5), t);
            }
        });
        model.trainable().forEach((name, a) -> {
            Tensor t = weights.get(name);
            if (t == null) {
                throw new IllegalArgumentException("checkpoint " + file + " lacks " + name
                        + " (was it written by another model shape?)");
            }
            a.set(t.data());
        });
        optimiser.restore(moments, Long.parseLong(meta.get("adam_step")));
        return Optional.of(Json.MAPPER.readValue(meta.get("state"), LoopState.class));
    }

    public void saveBest(GptModel model) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.trainable().forEach((name, a) -> tensors.put(name, Tensor.of(a)));
        Safetensors.write(dir.resolve(BEST), tensors, Map.of());
    }

    /** Puts the best weights back into the model; false when no validation ever improved. */
    public boolean restoreBest(GptModel model) throws IOException {
        Path file = dir.resolve(BEST);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Map<String, Tensor> tensors = Safetensors.read(file);
        model.trainable().forEach((name, a) -> a.set(tensors.get(name).data()));
        return true;
    }
}
