package io.gitlore.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Warmup's bounds, its linear ramp, and the cosine decay to its floor at the last step. */
class LrScheduleTest {

    @Test
    void warmupIsATenthOfTheStepsBoundedTo100And1000AndNeverMoreThanTheSteps() {
        assertEquals(0, LrSchedule.warmupFor(0));
        assertEquals(1, LrSchedule.warmupFor(1));
        assertEquals(50, LrSchedule.warmupFor(50), "never more than the steps");
        assertEquals(100, LrSchedule.warmupFor(100));
        assertEquals(100, LrSchedule.warmupFor(211), "at least 100");
        assertEquals(100, LrSchedule.warmupFor(1000));
        assertEquals(373, LrSchedule.warmupFor(3730), "10%");
        assertEquals(1000, LrSchedule.warmupFor(10_000));
        assertEquals(1000, LrSchedule.warmupFor(1_000_000), "at most 1000");
    }

    @Test
    void warmupRisesLinearlyToThePeakThenCosineDecaysToATenthAtTheLastStep() {
        LrSchedule s = LrSchedule.over(1e-3, 1100);
        assertEquals(110, s.warmupSteps());
        assertEquals(1e-3 / 110, s.at(0), 1e-15);
        assertEquals(1e-3 * 55 / 110, s.at(54), 1e-15);
        assertEquals(1e-3, s.at(109), 1e-15, "the peak at warmup's last step");
        assertEquals(1e-3, s.at(110), 1e-15, "decay starts from the peak");
        for (long step = 1; step < 110; step++) {
            assertEquals(s.at(step) - s.at(step - 1), 1e-3 / 110, 1e-15, "linear at step " + step);
        }
        for (long step = 111; step < 1100; step++) {
            assertTrue(s.at(step) < s.at(step - 1), "decreasing at step " + step);
        }
        // Halfway through the decay (steps 110..1099), the cosine is near the middle of peak and floor.
        assertEquals((1e-3 + 1e-4) / 2, s.at(605), 1e-6);
        assertEquals(1e-4, s.floor(), 1e-18);
        assertEquals(1e-4, s.at(1099), 1e-15, "the floor at the last step");
        assertEquals(1e-4, s.at(5000), 1e-15, "and after it");
    }

    @Test
    void aRunShorterThanTheMinimumWarmupWarmsUpToThePeakAtItsLastStep() {
        LrSchedule s = LrSchedule.over(2e-3, 50);
        assertEquals(50, s.warmupSteps());
        assertEquals(2e-3 / 50, s.at(0), 1e-15);
        assertEquals(2e-3, s.at(49), 1e-15);
    }

    @Test
    void aStepBudgetPlansTheScheduleOverTheBudgetNotTheWholePlan() {
        TrainingSettings budget = io.gitlore.trainer.TrainerFixtures.settings(300, 50);
        TrainingLoop.Plan plan = TrainingLoop.plan(budget, 100_000, 2, 4, 1, 1e-3);
        assertEquals(25_000, plan.totalSteps(), "8 rows a step (4 x 2 accumulated): 12,500 an epoch, 2 epochs");
        assertEquals(300, plan.scheduledSteps());
        assertEquals(LrSchedule.over(1e-3, 300), plan.schedule());
        assertEquals(1e-4, plan.schedule().at(299), 1e-15);
    }
}
