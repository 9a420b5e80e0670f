package io.gitlore.trainer.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.gitlore.trainer.model.Preset;
import io.gitlore.trainer.training.Hardware;
import io.gitlore.trainer.training.Objective;
import io.gitlore.trainer.training.TrainingSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/** Every setting of the trainer-service (prefix {@code gitlore.trainer}); each is also an env var. */
@ConfigMapping(prefix = "gitlore.trainer")
public interface TrainerConfig {

    /** Root of the shared data directory (models go to {@code jobs/<job>/model}). */
    @WithDefault(".data")
    Path dataDir();

    /** Model size: TINY for a CPU, SMALL, or GPT2 (124M) for a GPU. */
    @WithDefault("tiny")
    Preset preset();

    /** AUTO takes the GPUs the engine sees (see gpus), else the CPU; GPU fails at start when there is none. */
    @WithDefault("auto")
    Hardware.DeviceChoice device();

    /**
     * GPUs one training uses data-parallel (a model replica on each, every step's rows split among them); 0 takes
     * every visible GPU. Training on the CPU accepts only 0 or 1.
     */
    @WithDefault("0")
    @PositiveOrZero
    int gpus();

    /** A local GPT-2-family checkpoint directory (config.json + model.safetensors) to start from. */
    Optional<Path> pretrained();

    /** Train on the dataset's own tokens (GPT-2's BPE pruned to what the dataset uses); ignored with a checkpoint. */
    @WithDefault("true")
    boolean pruneVocabulary();

    /** PACKED: every next token of packed sequences; WINDOWS: only the target tokens of the manifest's windows. */
    @WithDefault("packed")
    Objective objective();

    /** Micro-batch rows; 0 sizes it from the device's memory. */
    @WithDefault("0")
    @PositiveOrZero
    int batchSize();

    /** Rows per optimiser step, reached by gradient accumulation. */
    @WithDefault("8")
    @Positive
    int effectiveBatch();

    /** Peak learning rate for a batch of 8 (scaled by effective batch / 8); 0: 5e-5 fine-tuning, the preset's from scratch. */
    @WithDefault("0")
    @PositiveOrZero
    double learningRate();

    /** AdamW's decoupled weight decay, applied to matrices only (not biases or LayerNorm gains). */
    @WithDefault("0.1")
    @DecimalMin("0")
    @DecimalMax("1")
    double weightDecay();

    /** Gradient clipping at this global norm. */
    @WithDefault("1.0")
    @Positive
    double clipNorm();

    /** Stop after this many optimiser steps (0: the epoch plan decides). */
    @WithDefault("0")
    @PositiveOrZero
    long maxSteps();

    /** Stop after this much training time (0: the epoch plan decides), e.g. PT15M. */
    @WithDefault("0s")
    Duration maxDuration();

    /** Validate every this many steps (and after each epoch). */
    @WithDefault("100")
    @Positive
    int evalEvery();

    /** Validation tokens read per periodic validation (the final validation reads the whole split). */
    @WithDefault("65536")
    @Positive
    long evalTokens();

    /** Early stopping: validations without an improvement of min-delta before training stops. */
    @WithDefault("3")
    @Positive
    int patience();

    /** Early stopping: the smallest fall of the validation loss that counts as an improvement. */
    @WithDefault("1e-4")
    @PositiveOrZero
    double minDelta();

    /** Write a resumable checkpoint every this many steps (and at each epoch's end). */
    @WithDefault("50")
    @Positive
    int checkpointEvery();

    /** Record a point of the loss curve every this many steps. */
    @WithDefault("10")
    @Positive
    int logEvery();

    /** Seed of the initial weights and of each epoch's shuffle: the same seed gives the same loss curve. */
    @WithDefault("42")
    long seed();

    /** Hardware sampling interval (OSHI). */
    @WithDefault("10s")
    Duration sampleInterval();

    /** LoRA rank; 0 trains every weight. LoRA needs a pretrained checkpoint. */
    @WithDefault("0")
    @Min(0)
    int loraRank();

    /** LoRA scale numerator: the adapters' output is multiplied by alpha / rank. */
    @WithDefault("16")
    @Positive
    double loraAlpha();

    /** LoRA dropout on the adapters' input while training (PEFT's lora_dropout); 0 turns it off. */
    @WithDefault("0.0")
    @DecimalMin("0.0")
    @DecimalMax(value = "1.0", inclusive = false)
    double loraDropout();

    /** The linear layers of each block that get adapters (GPT-2 names). */
    @WithDefault("attn.c_attn,attn.c_proj,mlp.c_fc,mlp.c_proj")
    List<String> loraTargets();

    default TrainingSettings settings() {
        return new TrainingSettings(preset(), pruneVocabulary(), objective(), batchSize(), effectiveBatch(),
                learningRate(), weightDecay(), clipNorm(), maxSteps(), maxDuration(), evalEvery(), evalTokens(),
                patience(), minDelta(), checkpointEvery(), logEvery(), seed(),
                new TrainingSettings.Lora(loraRank(), loraAlpha(), loraDropout(), loraTargets()), sampleInterval());
    }
}
