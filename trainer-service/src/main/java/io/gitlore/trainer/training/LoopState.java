package io.gitlore.trainer.training;

import java.util.ArrayList;
import java.util.List;

import io.gitlore.contracts.training.TrainingReport;

/**
 * Everything a training loop needs besides weights and optimiser moments to continue exactly where it stopped: the
 * position in the data (epoch, batch: the shuffle is derived from seed and epoch, and PyTorch's generator is seeded
 * from seed and step before each step, so with the step this is the whole RNG state), the clock, early-stopping state
 * and the curves so far. Saved as JSON inside each checkpoint.
 */
public final class LoopState {
    public long step;
    public int epoch;
    public long batchInEpoch;
    public long elapsedNanos;
    public long tokensSeen;
    public double bestValidationLoss = Double.MAX_VALUE;
    public long bestStep = -1;
    public int evaluationsWithoutImprovement;
    public Double lastTrainLoss;
    public Double lastValidationLoss;
    public double epochNll;
    public long epochTokens;
    public long epochStartNanos;
    public int microBatch;
    public int accumulation;
    public int outOfMemoryRetries;
    public int nonFiniteSkipped;
    public int nonFiniteInARow;
    public long resumedFromStep;
    /** The schedule's length a time budget's estimate chose; 0: the plan's (see {@link TrainingLoop.Plan#scheduleFor}). */
    public long scheduledSteps;
    /** The clock when a time budget's step-time measurement started. */
    public long measuredFromNanos;
    public List<TrainingReport.Step> steps = new ArrayList<>();
    public List<TrainingReport.Validation> validations = new ArrayList<>();
    public List<TrainingReport.Epoch> epochs = new ArrayList<>();
}
