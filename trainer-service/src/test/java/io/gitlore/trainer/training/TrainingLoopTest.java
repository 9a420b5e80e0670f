package io.gitlore.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import ai.djl.Device;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.contracts.training.TrainingReport.StopReason;
import io.gitlore.testsupport.Mappings;
import io.gitlore.trainer.TrainerFixtures;
import io.gitlore.trainer.checkpoint.Safetensors;
import io.gitlore.trainer.config.TrainerConfig;
import io.gitlore.trainer.model.GptConfig;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.report.HardwareSampler;
import io.gitlore.trainer.report.ReportBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop's own decisions on a small model over a real dataset: early stopping with the default patience (3) and
 * min delta (1e-4) keeps and restores the best weights; a loss that turns non-finite mid-run fails the run naming the
 * step while the last good checkpoint stays on disk; a time budget plans the schedule over the steps it fits. (Step
 * budgets, small datasets, the windows objective and a failed run's report through a whole run: {@link
 * TrainingRunTest}.)
 */
class TrainingLoopTest {

    static final int CONTEXT = 64;

    @TempDir
    static Path tmp;
    static DatasetReady ready;
    static TokenData train;
    static TokenData validation;
    static int[] remap;
    static int vocabulary;

    @BeforeAll
    static void dataset() {
        System.setProperty("ai.djl.offline", "true");
        ready = TrainerFixtures.dataset(tmp, "job-loop", 30);
        Path dir = Path.of(ready.directory());
        train = TokenData.open(dir, ready.manifest().splits().get(0));
        validation = TokenData.open(dir, ready.manifest().splits().get(1));
        // The ids both splits use, numbered densely: a small vocabulary keeps the model (and the test) small.
        BitSet used = new BitSet();
        train.collectIds(used);
        validation.collectIds(used);
        remap = new int[ready.manifest().vocabularySize()];
        Arrays.fill(remap, -1);
        for (int id = used.nextSetBit(0), next = 0; id >= 0; id = used.nextSetBit(id + 1)) {
            remap[id] = next++;
        }
        vocabulary = used.cardinality();
    }

    static GptModel model() {
        return GptModel.initialise(new GptConfig(vocabulary, CONTEXT, 1, 2, 32, 1e-5), Device.cpu(), 7);
    }

    /** The defaults (patience 3, min delta 1e-4) with a validation every {@code evalEvery} steps. */
    static TrainingSettings settings(long maxSteps, int evalEvery, int checkpointEvery) {
        TrainingSettings s = Mappings.of(TrainerConfig.class, "max-steps", Long.toString(maxSteps), "eval-every",
                Integer.toString(evalEvery), "checkpoint-every", Integer.toString(checkpointEvery), "batch-size", "4",
                "log-every", "1", "eval-tokens", "2048").settings();
        assertEquals(3, s.patience());
        assertEquals(1e-4, s.minDelta());
        return s;
    }

    @Test
    void earlyStoppingAfterThreeValidationsWithoutImprovementRestoresTheBestWeights() throws Exception {
        // Validation on the same text with its token ids permuted: whatever the model learns of the train split makes
        // it worse there, so the first validation is the best and the next three do not improve on it.
        int[] permuted = remap.clone();
        int[] values = Arrays.stream(remap).filter(v -> v >= 0).toArray();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        for (int id = 0, k = 0; id < permuted.length; id++) {
            if (permuted[id] >= 0) {
                permuted[id] = values[k++];
            }
        }
        Sequences rows = new Sequences(train, Objective.PACKED, CONTEXT, 16, remap);
        Sequences adverse = new Sequences(validation, Objective.PACKED, CONTEXT, 16, permuted);
        TrainingSettings settings = settings(200, 2, 1000);
        Checkpoints checkpoints = new Checkpoints(Files.createDirectories(tmp.resolve("early")));
        try (GptModel model = model()) {
            // Warmup of one step, so the model leaves its initial state fast.
            TrainingLoop.Plan base = TrainingLoop.plan(settings, rows.count(), 50, 4, 1, 1e-2);
            TrainingLoop.Plan plan = new TrainingLoop.Plan(base.microBatch(), base.accumulation(), 1,
                    base.stepsPerEpoch(), base.epochs(), base.totalSteps(), 200, new LrSchedule(1e-2, 1, 200));
            TrainingLoop.Outcome outcome = new TrainingLoop(model, List.of(Device.cpu()), settings, rows, adverse,
                    checkpoints, (s, p) -> { }).run(plan);

            assertEquals(StopReason.EARLY_STOP, outcome.stoppedBy(), outcome.reason());
            assertTrue(outcome.reason().contains("did not improve by 1.0E-4 in 3 evaluations"), outcome.reason());
            LoopState state = outcome.state();
            List<TrainingReport.Validation> seen = state.validations;
            System.out.println("validations on the permuted split: " + seen);
            int best = seen.stream().map(TrainingReport.Validation::step).toList().indexOf(state.bestStep);
            assertEquals(seen.size() - 4, best, "three validations after the best, then the stop: " + seen);
            assertEquals(seen.get(best).loss(), state.bestValidationLoss);
            for (TrainingReport.Validation later : seen.subList(best + 1, seen.size())) {
                assertTrue(later.loss() >= state.bestValidationLoss - 1e-4, "not an improvement: " + later);
            }
            assertEquals(seen.get(seen.size() - 1).step(), state.step, "stopped at the last validation");

            double last = Evaluator.score(model, adverse, 4, settings.evalTokens()).loss();
            assertEquals(seen.get(seen.size() - 1).loss(), last, 1e-5, "the loop ends on the last step's weights");
            assertTrue(checkpoints.restoreBest(model));
            double restored = Evaluator.score(model, adverse, 4, settings.evalTokens()).loss();
            assertEquals(state.bestValidationLoss, restored, 1e-5, "restoring gives back the best weights");
            assertNotEquals(last, restored, 1e-3);
        }
    }

    @Test
    void aLossThatTurnsNonFiniteMidRunFailsTheRunNamingTheStepAndKeepsTheLastGoodCheckpoint() throws Exception {
        Sequences rows = new Sequences(train, Objective.PACKED, CONTEXT, 16, remap);
        TrainingSettings settings = settings(20, 1000, 2);
        Path dir = Files.createDirectories(tmp.resolve("nan"));
        Checkpoints checkpoints = new Checkpoints(dir);
        try (GptModel model = model()) {
            // After step 3 the weights go bad (as corrupted memory or an overflow would make them).
            TrainingLoop.Outcome outcome = new TrainingLoop(model, List.of(Device.cpu()), settings, rows, rows,
                    checkpoints, (state, planned) -> {
                        if (state.step == 3) {
                            model.parameters().get("ln_f.weight").muli(Float.NaN);
                        }
                    }).run(TrainingLoop.plan(settings, rows.count(), 50, 4, 1, 1e-3));

            assertEquals(StopReason.NAN_LOSS, outcome.stoppedBy());
            assertEquals(3, outcome.state().step);
            assertEquals(3, outcome.state().nonFiniteSkipped);
            assertTrue(outcome.reason().contains("3 steps in a row at step 4"), outcome.reason());
            assertTrue(outcome.reason().contains("last good checkpoint (step 2) is kept in " + checkpoints.latest()),
                    outcome.reason());
            LoopState saved = Json.MAPPER.readValue(Safetensors.metadata(checkpoints.latest()).get("state"),
                    LoopState.class);
            assertEquals(2, saved.step);
            Safetensors.read(checkpoints.latest()).forEach((name, t) -> {
                for (float f : t.data()) {
                    assertTrue(Float.isFinite(f), name + " holds a non-finite value");
                }
            });

            TrainingReport report = new ReportBuilder(ready, settings, List.of(Device.cpu()), Optional.empty(), dir)
                    .build(model, model.parameterCount(), true, ready.manifest(), outcome, null, null, null,
                            new HardwareSampler.Peaks(0, 0, 0, null, null, 1000, 0));
            assertEquals(TrainingReport.Status.FAILED, report.status());
            assertEquals(outcome.reason(), report.reason());
            assertEquals(StopReason.NAN_LOSS, report.run().stoppedBy());
            assertEquals(3, report.run().stepsDone());
            assertNull(report.results(), "a failed run has no results");
        }
    }

    @Test
    void aTimeBudgetPlansWarmupAndDecayOverTheStepsItFitsAndCheckpointsThatChoice() throws Exception {
        Sequences rows = new Sequences(train, Objective.PACKED, CONTEXT, 16, remap);
        TrainingSettings settings = settings(0, 1000, Budget.ESTIMATE_AFTER + 1)
                .with(io.gitlore.trainer.model.Preset.TINY, 0, java.time.Duration.ofSeconds(5));
        Checkpoints checkpoints = new Checkpoints(Files.createDirectories(tmp.resolve("time")));
        try (GptModel model = model()) {
            TrainingLoop.Plan plan = TrainingLoop.plan(settings, rows.count(), 50, 4, 1, 1e-3);
            TrainingLoop loop = new TrainingLoop(model, List.of(Device.cpu()), settings, rows, rows, checkpoints,
                    (s, p) -> { });
            // Every step takes 250 ms on a fake clock (read once at the start and once per step), so the steps the
            // budget fits do not depend on this machine's speed: 5 s / 250 ms = 20.
            java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
            loop.budget().clock(() -> nanos.getAndAdd(250_000_000L));
            TrainingLoop.Outcome outcome = loop.run(plan);

            assertEquals(StopReason.MAX_DURATION, outcome.stoppedBy());
            LoopState state = outcome.state();
            assertEquals(20, state.step, "steps in 5 s");
            assertTrue(plan.scheduledSteps() > 20, plan.scheduledSteps() + " planned");
            assertEquals(20, state.scheduledSteps, "the steps the budget fits, estimated at step 15");
            System.out.printf("5 s fit %d of %d planned steps; %d were done%n", state.scheduledSteps,
                    plan.scheduledSteps(), state.step);
            LrSchedule fitted = LrSchedule.over(1e-3, state.scheduledSteps);
            assertEquals(fitted, plan.scheduleFor(state));
            for (TrainingReport.Step logged : state.steps) {
                LrSchedule used = logged.step() <= Budget.ESTIMATE_AFTER ? plan.schedule() : fitted;
                assertEquals(used.at(logged.step() - 1), logged.learningRate(), 1e-15, "step " + logged.step());
            }
            LoopState saved = Json.MAPPER.readValue(Safetensors.metadata(checkpoints.latest()).get("state"),
                    LoopState.class);
            assertEquals(state.scheduledSteps, saved.scheduledSteps, "the estimate is in the checkpoint");
        }
    }
}
