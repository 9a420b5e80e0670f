package io.gitlore.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.checkpoint.HfCheckpoint;
import io.gitlore.trainer.checkpoint.LoraFiles;
import io.gitlore.trainer.model.GptConfig;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.LoraAdapter;
import io.gitlore.trainer.report.HardwareSampler;
import io.gitlore.trainer.report.LossChart;
import io.gitlore.trainer.report.ReportBuilder;
import io.gitlore.trainer.vocab.VocabularyPruner;
import org.jboss.logging.Logger;

/**
 * Takes a ready dataset, trains a model on it (from scratch or from a local checkpoint, fully or with LoRA), exports
 * it in the Hugging Face layout under {@code <data>/jobs/<job>/model} with its tokenizer, loss chart and
 * {@code training_report.json}, and gives the report.
 */
public final class TrainingRun {

    private static final Logger LOG = Logger.getLogger(TrainingRun.class);
    public static final String REPORT = "training_report.json";

    private final TrainingSettings settings;
    private final List<Device> devices;
    private final Device device;
    private final Optional<Path> pretrained;

    public TrainingRun(TrainingSettings settings, Device device, Optional<Path> pretrained) {
        this(settings, List.of(device), pretrained);
    }

    /** Trains data-parallel over {@code devices}; the model lives on the first (see {@link Hardware#devices}). */
    public TrainingRun(TrainingSettings settings, List<Device> devices, Optional<Path> pretrained) {
        this.settings = settings;
        this.devices = List.copyOf(devices);
        this.device = devices.get(0);
        this.pretrained = pretrained;
    }

    public TrainingReport train(DatasetReady ready, Path modelDir, TrainingListener listener) throws IOException {
        // PyTorch's autograd switch is per thread and on in new threads: a Kafka or HTTP worker starts with it on.
        io.gitlore.trainer.model.GradMode.off();
        if (ready.empty() || ready.manifest() == null) {
            String reason = ready.reason() == null ? "the dataset is empty" : ready.reason();
            // The tokenizer's reason usually says it already; said once either way.
            return ReportBuilder.empty(ready, reason.startsWith("nothing to train on") ? reason
                    : "nothing to train on: " + reason);
        }
        DatasetManifest manifest = ready.manifest();
        Path dataDir = Path.of(ready.directory());
        List<TokenData> splits = manifest.splits().stream().map(s -> TokenData.open(dataDir, s)).toList();
        Path tokenizer = dataDir.resolve(manifest.tokenizerFile());
        Files.createDirectories(modelDir);
        int[] remap = null;
        GptModel model;
        if (pretrained.isPresent()) {
            model = HfCheckpoint.load(pretrained.get(), device);
            if (model.config().vocabularySize() != manifest.vocabularySize()) {
                int size = model.config().vocabularySize();
                model.close();
                throw new IllegalArgumentException("the checkpoint " + pretrained.get() + " has a vocabulary of " + size
                        + " tokens, the dataset's tokenizer has " + manifest.vocabularySize());
            }
            Files.copy(tokenizer, modelDir.resolve("tokenizer.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } else {
            int vocabulary = manifest.vocabularySize();
            if (settings.pruneVocabulary()) {
                BitSet used = new BitSet(vocabulary);
                splits.forEach(s -> s.collectIds(used));
                VocabularyPruner.Pruned pruned = VocabularyPruner.prune(tokenizer, used);
                remap = pruned.oldToNew();
                vocabulary = pruned.size();
                Json.MAPPER.writeValue(modelDir.resolve("tokenizer.json").toFile(), pruned.tokenizerJson());
            } else {
                Files.copy(tokenizer, modelDir.resolve("tokenizer.json"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            model = GptModel.initialise(settings.preset().config(vocabulary), device, settings.seed());
        }
        try (model; HardwareSampler sampler = new HardwareSampler(settings.sampleInterval(), devices)) {
            long trainable = addAdapters(model);
            GptConfig config = model.config();
            int targetLength = manifest.options().targetLength();
            Sequences train = new Sequences(splits.get(0), settings.objective(), config.contextLength(), targetLength, remap);
            Sequences validation = new Sequences(splits.get(1), settings.objective(), config.contextLength(), targetLength, remap);
            Sequences test = new Sequences(splits.get(2), settings.objective(), config.contextLength(), targetLength, remap);
            if (train.count() == 0) {
                long tokens = splits.get(0).length();
                throw new IllegalArgumentException("the train split has " + tokens + (tokens == 1 ? " token" : " tokens")
                        + ": too few for one sequence (at least 2 are needed)");
            }
            int micro = settings.batchSize() > 0 ? settings.batchSize()
                    : devices.stream().mapToInt(d -> Hardware.microBatch(d, config)).min().orElseThrow();
            micro = (int) Math.max(1, Math.min(micro, train.count()));
            int effective = Math.max(micro * devices.size(), settings.effectiveBatch());
            double base = settings.learningRate() > 0 ? settings.learningRate()
                    : pretrained.isPresent() ? 5e-5 : settings.preset().scratchLearningRate();
            double peak = base * effective / 8.0;
            TrainingLoop.Plan plan = TrainingLoop.plan(settings, train.count(), Math.max(1, manifest.epochs().epochs()),
                    micro, devices.size(), peak);
            LOG.infof("training %s (%d parameters, vocabulary %d) on %s: %d rows, micro-batch %d x %d x %d device(s),"
                    + " %d steps planned", settings.preset(), model.parameterCount(), config.vocabularySize(), devices,
                    train.count(), micro, plan.accumulation(), devices.size(), plan.totalSteps());
            Checkpoints checkpoints = new Checkpoints(Files.createDirectories(modelDir.resolve("checkpoints")));
            TrainingLoop.Outcome outcome = new TrainingLoop(model, devices, settings, train, validation, checkpoints, listener)
                    .run(plan);
            if (outcome.stoppedBy() == TrainingReport.StopReason.CANCELLED) {
                // No evaluation, export or report: the person asked for the work to stop.
                throw new TrainingCancelledException(outcome.state().step, plan.scheduledSteps(),
                        checkpoints.latest());
            }
            ReportBuilder builder = new ReportBuilder(ready, settings, devices, pretrained, modelDir);
            TrainingReport report;
            if (outcome.stoppedBy() == TrainingReport.StopReason.NAN_LOSS) {
                // A failed run exports no model and scores nothing (its weights may not be finite); the report keeps
                // the curves, and checkpoints/ the last good state.
                report = builder.build(model, trainable, remap != null, manifest, outcome, null, null, null,
                        sampler.peaks());
            } else {
                checkpoints.restoreBest(model);
                Evaluator.Score val = Evaluator.score(model, validation, micro, 0);
                Evaluator.Score testScore = Evaluator.score(model, test, micro, 0);
                Baselines.Result baselines = Baselines.count(train, config.vocabularySize()).score(validation, test);
                export(model, modelDir);
                report = builder.build(model, trainable, remap != null, manifest, outcome, val, testScore, baselines,
                        sampler.peaks());
            }
            LossChart.write(report.history(), modelDir, "gitlore " + settings.preset().name().toLowerCase()
                    + " on " + ready.repositoryId());
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(modelDir.resolve(REPORT).toFile(), report);
            return report;
        }
    }

    private long addAdapters(GptModel model) {
        TrainingSettings.Lora lora = settings.lora();
        if (!lora.enabled()) {
            return model.parameterCount();
        }
        if (pretrained.isEmpty()) {
            throw new IllegalArgumentException("LoRA adapts a loaded checkpoint: set gitlore.trainer.pretrained");
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        // LoRA dropout draws from PyTorch's own generator: seed it so a run repeats.
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) settings.seed());
        long count = 0;
        for (int i = 0; i < model.config().layers(); i++) {
            for (String target : lora.targets()) {
                String name = "h." + i + "." + target;
                NDArray w = model.parameters().get(name + ".weight");
                if (w == null) {
                    throw new IllegalArgumentException("LoRA target '" + target + "' is not a linear layer; use "
                            + "attn.c_attn, attn.c_proj, mlp.c_fc, mlp.c_proj");
                }
                long in = w.getShape().get(0);
                long out = w.getShape().get(1);
                model.addAdapter(name, LoraAdapter.create(model.manager(), in, out, lora.rank(), lora.alpha(),
                        lora.dropout(), random));
                count += (in + out) * lora.rank();
            }
        }
        return count;
    }

    /** Adapters are saved on their own, then merged so the exported model loads in the standard tooling. */
    private void export(GptModel model, Path modelDir) throws IOException {
        if (!model.adapters().isEmpty()) {
            LoraFiles.save(model, settings.lora(), modelDir.resolve("adapter"));
            model.mergeAdapters();
        }
        HfCheckpoint.save(model, modelDir);
    }

}
