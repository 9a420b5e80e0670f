package io.gitlore.trainer.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.contracts.training.TrainingReport.StopReason;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.LmLoss;
import org.jboss.logging.Logger;

/**
 * Takes a model, its devices, the train and validation rows and a plan, trains with AdamW, warmup and cosine decay,
 * gradient accumulation, data parallelism over the devices ({@link Replicas}) and clipping, validates and stops early,
 * checkpoints for an exact resume, and gives the loop's state (curves, stop reason) for the report.
 */
public final class TrainingLoop {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class);
    private static final int MAX_NON_FINITE_IN_A_ROW = 3;

    /**
     * The steps and epochs the run intends, before any budget; each step takes {@code microBatch × accumulation} rows
     * on each of the {@code replicas} devices.
     */
    public record Plan(int microBatch, int accumulation, int replicas, long stepsPerEpoch, int epochs, long totalSteps,
                       long scheduledSteps, LrSchedule schedule) {
        public long rowsPerStep() {
            return (long) microBatch * accumulation * replicas;
        }

        /** The schedule in force: the plan's, or the one a time budget's estimate chose (kept in the loop state). */
        public LrSchedule scheduleFor(LoopState state) {
            return state.scheduledSteps > 0 ? LrSchedule.over(schedule.peak(), state.scheduledSteps) : schedule;
        }
    }

    /** How the loop ended. */
    public record Outcome(LoopState state, Plan plan, StopReason stoppedBy, String reason) {
    }

    private final GptModel model;
    private final List<Device> devices;
    private final TrainingSettings settings;
    private final Sequences train;
    private final Sequences validation;
    private final Checkpoints checkpoints;
    private final TrainingListener listener;
    private final Budget budget;

    /** {@code devices}: the model's own first, then one per further replica (see {@link Hardware#devices}). */
    public TrainingLoop(GptModel model, List<Device> devices, TrainingSettings settings, Sequences train,
                        Sequences validation, Checkpoints checkpoints, TrainingListener listener) {
        this.model = model;
        this.devices = List.copyOf(devices);
        this.settings = settings;
        this.train = train;
        this.validation = validation;
        this.checkpoints = checkpoints;
        this.listener = listener;
        this.budget = new Budget(settings);
    }

    Budget budget() {
        return budget;
    }

    /** Accumulation reaches the effective batch with every replica doing the same number of micro-batches. */
    public static Plan plan(TrainingSettings s, long rows, int epochs, int microBatch, int replicas, double peakLr) {
        long perRound = (long) microBatch * replicas;
        int accumulation = (int) Math.max(1, (s.effectiveBatch() + perRound - 1) / perRound);
        long perStep = perRound * accumulation;
        long stepsPerEpoch = Math.max(1, (rows + perStep - 1) / perStep);
        long total = stepsPerEpoch * epochs;
        long scheduled = s.maxSteps() > 0 ? Math.min(total, s.maxSteps()) : total;
        return new Plan(microBatch, accumulation, replicas, stepsPerEpoch, epochs, total, scheduled,
                LrSchedule.over(peakLr, scheduled));
    }

    public Outcome run(Plan plan) {
        if (plan.replicas() != devices.size()) {
            throw new IllegalArgumentException("the plan has " + plan.replicas() + " replicas, the loop "
                    + devices.size() + " devices");
        }
        try (AdamW optimiser = new AdamW(model.trainable(), 0.9, 0.95, 1e-8, settings.weightDecay())) {
            LoopState state = checkpoints.restore(model, optimiser).orElseGet(LoopState::new);
            if (state.step > 0) {
                state.resumedFromStep = state.step;
                LOG.infof("resuming at step %d (epoch %d, batch %d)", state.step, state.epoch, state.batchInEpoch);
            } else {
                state.microBatch = plan.microBatch();
                state.accumulation = plan.accumulation();
            }
            // Copied after the restore, so every replica starts from the resumed weights.
            try (Replicas replicas = Replicas.of(model, devices)) {
                return loop(plan, state, optimiser, replicas);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint I/O failed: " + e.getMessage(), e);
        }
    }

    private Outcome loop(Plan plan, LoopState state, AdamW optimiser, Replicas replicas) throws IOException {
        long rowsPerStep = plan.rowsPerStep();
        long clockStart = budget.now() - state.elapsedNanos;
        for (; state.epoch < plan.epochs(); state.epoch++, state.batchInEpoch = 0) {
            long[] order = train.shuffled(settings.seed() + state.epoch);
            if (state.batchInEpoch == 0) {
                state.epochNll = 0;
                state.epochTokens = 0;
                state.epochStartNanos = state.elapsedNanos;
            }
            for (; state.batchInEpoch < plan.stepsPerEpoch(); state.batchInEpoch++) {
                StopReason ended = budget.stop(state);
                if (ended != null) {
                    return new Outcome(state, plan, ended, "the " + ended.name().toLowerCase().replace('_', ' ')
                            + " budget ended training at step " + state.step);
                }
                long from = state.batchInEpoch * rowsPerStep;
                long to = Math.min(order.length, from + rowsPerStep);
                double[] nllTokens = step(order, from, to, state, replicas, optimiser);
                replicas.reduceGradients();
                double loss = nllTokens[0] / nllTokens[1];
                double norm = optimiser.gradientNorm() / nllTokens[1];
                if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                    // Skip the batch without an update (as loss-scaling trainers do); only a run of them is fatal.
                    optimiser.zeroGradients();
                    state.nonFiniteSkipped++;
                    state.nonFiniteInARow++;
                    LOG.warnf("non-finite loss %s or gradient norm %s at step %d: batch skipped", loss, norm,
                            state.step + 1);
                    if (state.nonFiniteInARow >= MAX_NON_FINITE_IN_A_ROW) {
                        return new Outcome(state, plan, StopReason.NAN_LOSS, "the loss or gradient was not finite "
                                + state.nonFiniteInARow + " steps in a row at step " + (state.step + 1) + "; "
                                + lastGood());
                    }
                    continue;
                }
                state.nonFiniteInARow = 0;
                double clip = norm > settings.clipNorm() ? settings.clipNorm() / norm : 1.0;
                double lr = plan.scheduleFor(state).at(state.step);
                optimiser.update(lr, clip / nllTokens[1]);
                replicas.broadcastWeights();
                state.step++;
                state.tokensSeen += (long) nllTokens[1];
                state.epochNll += nllTokens[0];
                state.epochTokens += (long) nllTokens[1];
                state.lastTrainLoss = loss;
                state.elapsedNanos = budget.now() - clockStart;
                budget.planSchedule(plan, state);
                if (state.step % settings.logEvery() == 0 || state.step == 1) {
                    double seconds = state.elapsedNanos / 1e9;
                    state.steps.add(new TrainingReport.Step(state.step,
                            state.epoch + (state.batchInEpoch + 1.0) / plan.stepsPerEpoch(), loss, lr, norm,
                            seconds > 0 ? state.tokensSeen / seconds : 0));
                    listener.progress(state, plan.scheduleFor(state).totalSteps());
                }
                if (settings.evalEvery() > 0 && state.step % settings.evalEvery() == 0 && validate(state)) {
                    state.batchInEpoch++;
                    checkpoints.save(model, optimiser, state);
                    return new Outcome(state, plan, StopReason.EARLY_STOP, "validation loss did not improve by "
                            + settings.minDelta() + " in " + settings.patience() + " evaluations");
                }
                if (settings.checkpointEvery() > 0 && state.step % settings.checkpointEvery() == 0) {
                    state.batchInEpoch++;
                    checkpoints.save(model, optimiser, state);
                    state.batchInEpoch--;
                }
                if (listener.cancelled()) {
                    // Keep what a resume needs: the cancelled run's weights, moments and position.
                    state.batchInEpoch++;
                    checkpoints.save(model, optimiser, state);
                    return new Outcome(state, plan, StopReason.CANCELLED, "the job was cancelled at step " + state.step);
                }
            }
            boolean stop = validate(state);
            state.epochs.add(new TrainingReport.Epoch(state.epoch + 1,
                    state.epochTokens == 0 ? 0 : state.epochNll / state.epochTokens,
                    state.lastValidationLoss == null ? Double.NaN : state.lastValidationLoss,
                    (state.elapsedNanos - state.epochStartNanos) / 1e9));
            state.epoch++;
            state.batchInEpoch = 0;
            checkpoints.save(model, optimiser, state);
            state.epoch--;
            if (stop) {
                state.epoch++;
                return new Outcome(state, plan, StopReason.EARLY_STOP, "validation loss did not improve by "
                        + settings.minDelta() + " in " + settings.patience() + " evaluations");
            }
        }
        return new Outcome(state, plan, StopReason.PLAN, "the epoch plan was completed");
    }

    private String lastGood() throws IOException {
        var saved = checkpoints.savedStep();
        return saved.isPresent() ? "the last good checkpoint (step " + saved.getAsLong() + ") is kept in "
                + checkpoints.latest() : "no checkpoint had been saved before it";
    }

    /**
     * Forward and backward over the step's rows in micro-batches, each on its replica's device (micro-batch i on
     * replica i mod n, in turn: DJL allows one gradient collector at a time per JVM); gives {summed NLL, weighted
     * tokens}. The sums are read only after every micro-batch is launched, because reading one waits for its device:
     * reading as they come would make GPUs take turns instead of working at once.
     */
    private double[] step(long[] order, long from, long to, LoopState state, Replicas replicas, AdamW optimiser) {
        // LoRA dropout draws its masks from PyTorch's generator, whose state a checkpoint cannot hold: seeding it from
        // seed and step makes each step's masks a function of the checkpointed position, so a resume draws the same.
        Engine.getInstance().setRandomSeed((int) (new SplittableRandom(settings.seed() + state.step).nextLong() >>> 33));
        int t = train.context();
        List<NDArray> sums = new ArrayList<>();
        try (NDManager pending = model.manager().newSubManager()) {
            int index = 0;
            for (long start = from; start < to; start += state.microBatch, index++) {
                int b = (int) Math.min(state.microBatch, to - start);
                long[] input = new long[b * t];
                long[] target = new long[b * t];
                float[] weight = new float[b * t];
                for (int r = 0; r < b; r++) {
                    train.fill(order[(int) (start + r)], r, input, target, weight);
                }
                GptModel replica = replicas.forMicroBatch(index);
                try (NDScope scope = new NDScope(); NDManager m = replica.manager().newSubManager();
                     GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray in = m.create(input, new Shape(b, t));
                    NDArray tg = m.create(target, new Shape(b, t));
                    NDArray w = m.create(weight, new Shape(b, t));
                    NDArray summed = LmLoss.summedNll(replica.logits(in, null), tg, w);
                    collector.backward(summed);
                    NDArray both = summed.stopGradient().reshape(1).concat(w.sum().reshape(1));
                    NDScope.unregister(both);
                    both.attach(pending);
                    sums.add(both);
                } catch (EngineException e) {
                    if (!isOutOfMemory(e) || state.microBatch == 1) {
                        throw e;
                    }
                    // Out of device memory: halve the micro-batch, keep the effective batch by accumulating more, and
                    // redo the step from a clean slate (the gradients so far would otherwise count twice).
                    optimiser.zeroGradients();
                    replicas.zeroGradients();
                    state.microBatch /= 2;
                    state.accumulation *= 2;
                    state.outOfMemoryRetries++;
                    LOG.warnf("out of memory at micro-batch %d: continuing with %d", b, state.microBatch);
                    return step(order, from, to, state, replicas, optimiser);
                }
            }
            // Added in micro-batch order, as they always were, so one device gives the sums it gave before replicas.
            double nll = 0;
            double tokens = 0;
            for (NDArray both : sums) {
                float[] pair = both.toFloatArray();
                nll += pair[0];
                tokens += pair[1];
            }
            return new double[] {nll, Math.max(tokens, 1)};
        }
    }

    private static boolean isOutOfMemory(Throwable e) {
        return e.getMessage() != null && e.getMessage().toLowerCase().contains("out of memory");
    }

    /** Validates, keeps the best weights; true when early stopping's patience is exhausted. */
    private boolean validate(LoopState state) throws IOException {
        double loss = Evaluator.score(model, validation, Math.max(1, state.microBatch), settings.evalTokens()).loss();
        if (Double.isNaN(loss)) {
            return false; // an empty validation split cannot stop training
        }
        state.lastValidationLoss = loss;
        state.validations.add(new TrainingReport.Validation(state.step, loss));
        if (loss < state.bestValidationLoss - settings.minDelta()) {
            state.bestValidationLoss = loss;
            state.bestStep = state.step;
            state.evaluationsWithoutImprovement = 0;
            checkpoints.saveBest(model);
            return false;
        }
        state.evaluationsWithoutImprovement++;
        return state.evaluationsWithoutImprovement >= settings.patience();
    }
}
