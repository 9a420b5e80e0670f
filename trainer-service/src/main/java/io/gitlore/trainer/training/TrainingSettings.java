package io.gitlore.trainer.training;

import java.time.Duration;
import java.util.List;

import io.gitlore.trainer.model.Preset;

/**
 * One run's choices, resolved from the service configuration (or a test): model, vocabulary, schedule, budget,
 * checkpointing and LoRA.
 *
 * @param batchSize        micro-batch rows, or 0 to size it from the hardware
 * @param effectiveBatch   rows per optimiser step, reached by gradient accumulation
 * @param learningRate     peak learning rate for a batch of 8, or 0 for the default (5e-5 fine-tuning, the preset's
 *                         from scratch), scaled by effective batch / 8
 * @param evalTokens       at most this many validation tokens per periodic validation (the final one reads all)
 */
public record TrainingSettings(Preset preset, boolean pruneVocabulary, Objective objective, int batchSize,
                               int effectiveBatch, double learningRate, double weightDecay, double clipNorm,
                               long maxSteps, Duration maxDuration, int evalEvery, long evalTokens, int patience,
                               double minDelta, int checkpointEvery, int logEvery, long seed, Lora lora,
                               Duration sampleInterval) {

    /** The same choices with another model and budget: a job's own options over the service's configuration. */
    public TrainingSettings with(Preset preset, long maxSteps, Duration maxDuration) {
        return new TrainingSettings(preset, pruneVocabulary, objective, batchSize, effectiveBatch, learningRate,
                weightDecay, clipNorm, maxSteps, maxDuration, evalEvery, evalTokens, patience, minDelta,
                checkpointEvery, logEvery, seed, lora, sampleInterval);
    }

    /** Low-rank adaptation of a loaded checkpoint; {@code rank = 0} means full training. */
    public record Lora(int rank, double alpha, double dropout, List<String> targets) {
        public static Lora none() {
            return new Lora(0, 0, 0, List.of());
        }

        public boolean enabled() {
            return rank > 0;
        }
    }
}
