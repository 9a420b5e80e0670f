package io.gitlore.contracts.training;

import java.time.Instant;
import java.util.List;

/**
 * What one training run did and measured, written as {@code training_report.json} beside the model and published on
 * {@code gitlore.training.reports.v1} (key = job id); the gateway stores and serves it.
 *
 * @param status      how the run ended; {@code FAILED} and {@code EMPTY} carry the reason and no results
 * @param modelDirectory the exported model (Hugging Face layout), under the shared data directory
 */
public record TrainingReport(String jobId, String repositoryId, Status status, String reason, String modelDirectory,
                             Model model, Hardware hardware, Dataset dataset, Run run, Results results,
                             Baselines baselines, History history, Instant createdAt) {

    /** How a run ended. */
    public enum Status { COMPLETED, FAILED, EMPTY }

    /** Why training stopped. */
    public enum StopReason { PLAN, EARLY_STOP, MAX_STEPS, MAX_DURATION, NAN_LOSS, CANCELLED }

    /** The trained model's shape and vocabulary. */
    public record Model(String preset, int layers, int heads, int width, int contextLength, int vocabularySize,
                        int tokenizerVocabularySize, boolean vocabularyPruned, long parameters, String initialisedFrom,
                        Lora lora) {
    }

    /** Low-rank adapters, when the run fine-tuned a checkpoint with them. */
    public record Lora(int rank, double alpha, double dropout, List<String> targets, long trainableParameters) {
    }

    /** Where it ran and the peaks sampled during the run (null where not readable). */
    public record Hardware(String device, List<Gpu> gpus, int threads, double peakCpuPercent, long peakRamBytes,
                           long totalRamBytes, Long peakGpuMemoryBytes, Double peakGpuTemperatureCelsius,
                           long sampleIntervalMillis, int samples) {
    }

    /** One visible GPU. */
    public record Gpu(int index, String name, long memoryBytes) {
    }

    /** The dataset the run read: its manifest's identity and the time-ordered split boundaries. */
    public record Dataset(String datasetJobId, String tokenizerSha256, String objective, List<Split> splits) {
    }

    /** One split's size and its first and last commit. */
    public record Split(String name, long tokens, long commits, String firstCommit, String lastCommit,
                        Instant firstTime, Instant lastTime) {
    }

    /** The schedule as planned and as run; {@code nonFiniteStepsSkipped} batches gave a NaN or infinite loss or gradient and were skipped. */
    public record Run(int microBatch, int accumulation, int effectiveBatch, double peakLearningRate, long warmupSteps,
                      long plannedSteps, long stepsDone, int plannedEpochs, double epochsDone, double planFraction,
                      StopReason stoppedBy, long tokensSeen, double tokensPerSecond, double wallSeconds,
                      long resumedFromStep, int outOfMemoryRetries, int nonFiniteStepsSkipped, long seed) {
    }

    /** Losses in nats per token; perplexity = exp(loss). */
    public record Results(double finalTrainLoss, double finalValidationLoss, double bestValidationLoss, long bestStep,
                          double validationPerplexity, double testLoss, double testPerplexity,
                          double testTokenAccuracy, long testTokens) {
    }

    /** Count-based models from the train split, scored on the same test positions as the model. */
    public record Baselines(double unigramTestPerplexity, double bigramTestPerplexity, double bigramLambda) {
    }

    /** The curves: per logged step, per validation, per epoch, with the ranges a reader checks first. */
    public record History(List<Step> steps, List<Validation> validations, List<Epoch> epochs,
                          double minLearningRate, double maxLearningRate, double minGradNorm, double maxGradNorm) {
    }

    /** One logged optimiser step. */
    public record Step(long step, double epoch, double loss, double learningRate, double gradNorm,
                       double tokensPerSecond) {
    }

    /** One validation pass. */
    public record Validation(long step, double loss) {
    }

    /** One finished epoch. */
    public record Epoch(int epoch, double trainLoss, double validationLoss, double seconds) {
    }

    public String messageId() {
        return jobId + ":training-report";
    }
}
