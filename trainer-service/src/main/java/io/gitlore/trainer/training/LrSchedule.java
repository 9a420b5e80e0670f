package io.gitlore.trainer.training;

/** Learning rate per optimiser step: linear warmup to the peak, then cosine decay to a tenth of it at the last step. */
public record LrSchedule(double peak, long warmupSteps, long totalSteps) {

    /** Warmup is 10% of the steps bounded to [100, 1000], and never more than the steps. */
    public static long warmupFor(long totalSteps) {
        return Math.min(totalSteps, Math.max(100, Math.min(1000, Math.round(totalSteps * 0.1))));
    }

    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        long decay = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decay);
        double floor = peak * 0.1;
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
