package io.gitlore.trainer.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ai.djl.Device;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.model.GptConfig;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.training.Baselines;
import io.gitlore.trainer.training.Evaluator;
import io.gitlore.trainer.training.Hardware;
import io.gitlore.trainer.training.LoopState;
import io.gitlore.trainer.training.TrainingLoop;
import io.gitlore.trainer.training.TrainingSettings;

/** Takes a finished run's pieces (model, plan, loop state, scores, baselines, peaks) and assembles its report. */
public final class ReportBuilder {

    private final DatasetReady ready;
    private final TrainingSettings settings;
    private final List<Device> devices;
    private final Optional<Path> pretrained;
    private final Path modelDir;

    public ReportBuilder(DatasetReady ready, TrainingSettings settings, List<Device> devices, Optional<Path> pretrained,
                         Path modelDir) {
        this.ready = ready;
        this.settings = settings;
        this.devices = List.copyOf(devices);
        this.pretrained = pretrained;
        this.modelDir = modelDir;
    }

    public static TrainingReport empty(DatasetReady ready, String reason) {
        return new TrainingReport(ready.jobId(), ready.repositoryId(), TrainingReport.Status.EMPTY, reason, null, null,
                null, null, null, null, null, null, Instant.now());
    }

    public static TrainingReport failed(String jobId, String repositoryId, String reason) {
        return new TrainingReport(jobId, repositoryId, TrainingReport.Status.FAILED, reason, null, null, null, null,
                null, null, null, null, Instant.now());
    }

    /** {@code validation}, {@code test} and {@code baselines} are null for a failed run: its report has no results. */
    public TrainingReport build(GptModel model, long trainable, boolean pruned, DatasetManifest manifest,
                                TrainingLoop.Outcome outcome, Evaluator.Score validation, Evaluator.Score test,
                                Baselines.Result baselines, HardwareSampler.Peaks peaks) {
        GptConfig c = model.config();
        TrainingSettings.Lora lora = settings.lora();
        TrainingReport.Model modelPart = new TrainingReport.Model(settings.preset().name().toLowerCase(), c.layers(),
                c.heads(), c.width(), c.contextLength(), c.vocabularySize(), manifest.vocabularySize(), pruned,
                model.parameterCount(), pretrained.map(Path::toString).orElse("scratch"),
                lora.enabled() ? new TrainingReport.Lora(lora.rank(), lora.alpha(), lora.dropout(), lora.targets(),
                        trainable) : null);
        // Every device trained on, the master's first ("gpu(0), gpu(1)"); one device reads as it always did.
        String trainedOn = String.join(", ", devices.stream().map(Device::toString).toList());
        TrainingReport.Hardware hardware = new TrainingReport.Hardware(trainedOn,
                devices.get(0).isGpu() ? Hardware.gpus() : List.of(), Runtime.getRuntime().availableProcessors(),
                peaks.cpuPercent(), peaks.ramBytes(), peaks.totalRamBytes(), peaks.gpuMemoryBytes(),
                peaks.gpuTemperatureCelsius(),
                peaks.intervalMillis(), peaks.samples());
        TrainingReport.Dataset dataset = new TrainingReport.Dataset(manifest.jobId(), manifest.tokenizerSha256(),
                settings.objective().name().toLowerCase(), manifest.splits().stream()
                .map(s -> new TrainingReport.Split(s.name(), s.tokens(), s.commits(), s.firstCommit(), s.lastCommit(),
                        s.firstTime(), s.lastTime())).toList());
        LoopState st = outcome.state();
        TrainingLoop.Plan plan = outcome.plan();
        double seconds = st.elapsedNanos / 1e9;
        double epochsDone = st.epoch + (double) st.batchInEpoch / plan.stepsPerEpoch();
        TrainingReport.Run run = new TrainingReport.Run(plan.microBatch(), plan.accumulation(),
                (int) plan.rowsPerStep(), plan.schedule().peak(), plan.scheduleFor(st).warmupSteps(),
                plan.totalSteps(), st.step, plan.epochs(), epochsDone, (double) st.step / plan.totalSteps(),
                outcome.stoppedBy(), st.tokensSeen, seconds > 0 ? st.tokensSeen / seconds : 0, seconds,
                st.resumedFromStep, st.outOfMemoryRetries, st.nonFiniteSkipped, settings.seed());
        TrainingReport.Results results = validation == null ? null : new TrainingReport.Results(
                st.lastTrainLoss == null ? Double.NaN : st.lastTrainLoss, validation.loss(),
                st.bestStep < 0 ? validation.loss() : st.bestValidationLoss, st.bestStep, validation.perplexity(),
                test.loss(), test.perplexity(), test.accuracy(), test.tokens());
        TrainingReport.Baselines base = baselines == null ? null : new TrainingReport.Baselines(
                baselines.unigramPerplexity(), baselines.bigramPerplexity(), baselines.lambda());
        TrainingReport.History history = new TrainingReport.History(st.steps, st.validations, st.epochs,
                st.steps.stream().mapToDouble(TrainingReport.Step::learningRate).min().orElse(0),
                st.steps.stream().mapToDouble(TrainingReport.Step::learningRate).max().orElse(0),
                st.steps.stream().mapToDouble(TrainingReport.Step::gradNorm).min().orElse(0),
                st.steps.stream().mapToDouble(TrainingReport.Step::gradNorm).max().orElse(0));
        TrainingReport.Status status = outcome.stoppedBy() == TrainingReport.StopReason.NAN_LOSS
                ? TrainingReport.Status.FAILED : TrainingReport.Status.COMPLETED;
        return new TrainingReport(ready.jobId(), ready.repositoryId(), status,
                outcome.reason(), modelDir.toString(), modelPart, hardware, dataset, run, results, base, history,
                Instant.now());
    }
}
