package io.gitlore.trainer.training;

import java.nio.file.Path;

/**
 * A run that stopped because its job was cancelled: the step it reached, the steps it planned, and the checkpoint it
 * saved at that step (weights, optimiser moments and loop state); no model is exported and no report written.
 */
public class TrainingCancelledException extends RuntimeException {

    private final long step;
    private final long plannedSteps;
    private final Path checkpoint;

    public TrainingCancelledException(long step, long plannedSteps, Path checkpoint) {
        super("training cancelled at step " + step + " of " + plannedSteps + "; checkpoint saved in " + checkpoint);
        this.step = step;
        this.plannedSteps = plannedSteps;
        this.checkpoint = checkpoint;
    }

    public long step() {
        return step;
    }

    public long plannedSteps() {
        return plannedSteps;
    }

    public Path checkpoint() {
        return checkpoint;
    }
}
