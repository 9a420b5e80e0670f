package io.gitlore.trainer.training;

/** Hears a training loop's progress and answers whether its job was cancelled; the job service is the one. */
public interface TrainingListener {
    void progress(LoopState state, long plannedSteps);

    default boolean cancelled() {
        return false;
    }
}
