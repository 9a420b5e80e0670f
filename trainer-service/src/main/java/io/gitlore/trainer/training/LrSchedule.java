package io.gitlore.trainer.training;

/**
 * Takes an optimiser step, gives its learning rate: linear warmup to the peak, then cosine decay to a tenth of it,
 * reached at the last step ({@code totalSteps - 1}) and kept after it.
 */
public record LrSchedule(double peak, long warmupSteps, long totalSteps) {

    /** The schedule over {@code steps} steps, its warmup from {@link #warmupFor}. */
    public static LrSchedule over(double peak, long steps) {
        return new LrSchedule(peak, warmupFor(steps), steps);
    }

    /** Warmup is 10% of the steps bounded to [100, 1000], and never more than the steps. */
    public static long warmupFor(long totalSteps) {
        return Math.min(totalSteps, Math.max(100, Math.min(1000, Math.round(totalSteps * 0.1))));
    }

    /** Where the decay ends. */
    public double floor() {
        return peak * 0.1;
    }

    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        // Steps are counted from 0: the decay spans warmupSteps .. totalSteps - 1, so the last step is at the floor.
        long decay = Math.max(1, totalSteps - warmupSteps - 1);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decay);
        return floor() + (peak - floor()) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
