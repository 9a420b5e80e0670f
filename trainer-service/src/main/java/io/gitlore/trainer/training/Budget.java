package io.gitlore.trainer.training;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.gitlore.contracts.training.TrainingReport.StopReason;
import org.jboss.logging.Logger;

/**
 * Takes a run's step and time budgets and the loop's state: says when a budget ends training, and under a time budget
 * plans the learning-rate schedule over the steps the budget fits.
 */
final class Budget {

    private static final Logger LOG = Logger.getLogger(Budget.class);
    /** Under a time budget, the steps it fits are estimated at this step from the steps after MEASURE_FROM. */
    static final int ESTIMATE_AFTER = 15;
    /** The first steps are slower (allocations, compilation): they are left out of the mean step time. */
    static final int MEASURE_FROM = 5;

    private final long maxSteps;
    private final Duration maxDuration;
    /** The system's monotonic clock; a test sets a fake one, so the steps a time budget fits are known. */
    private LongSupplier clock = System::nanoTime;

    Budget(TrainingSettings settings) {
        this.maxSteps = settings.maxSteps();
        this.maxDuration = settings.maxDuration() == null || settings.maxDuration().isZero() ? null
                : settings.maxDuration();
    }

    long now() {
        return clock.getAsLong();
    }

    void clock(LongSupplier fake) {
        this.clock = fake;
    }

    /** The budget that ends training before the next step, or null. */
    StopReason stop(LoopState state) {
        if (maxSteps > 0 && state.step >= maxSteps) {
            return StopReason.MAX_STEPS;
        }
        if (maxDuration != null && state.elapsedNanos >= maxDuration.toNanos()) {
            return StopReason.MAX_DURATION;
        }
        return null;
    }

    /**
     * A time budget usually ends training long before the epoch plan: planned over the plan, the run would stay in
     * warmup. At step {@link #ESTIMATE_AFTER}, the steps the rest of the budget fits at the mean time of the steps
     * since {@link #MEASURE_FROM} (validations not counted) set the schedule's length, if fewer than planned. The
     * measurement and the estimate are kept in the loop state, so the schedule is a function of checkpointed state
     * and a resumed run follows the same one.
     */
    void planSchedule(TrainingLoop.Plan plan, LoopState state) {
        if (maxDuration == null || state.scheduledSteps != 0) {
            return;
        }
        if (state.step == MEASURE_FROM) {
            state.measuredFromNanos = state.elapsedNanos;
        } else if (state.step == ESTIMATE_AFTER) {
            double perStep = (double) (state.elapsedNanos - state.measuredFromNanos) / (ESTIMATE_AFTER - MEASURE_FROM);
            long fit = state.step + (long) (Math.max(0, maxDuration.toNanos() - state.elapsedNanos) / perStep);
            state.scheduledSteps = Math.max(state.step + 1, Math.min(plan.scheduledSteps(), fit));
            LOG.infof("the time budget %s fits about %d steps at %.0f ms a step: warmup and decay planned over %d"
                    + " steps", maxDuration, fit, perStep / 1e6, state.scheduledSteps);
        }
    }
}
