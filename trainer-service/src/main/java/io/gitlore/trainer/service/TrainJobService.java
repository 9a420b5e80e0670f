package io.gitlore.trainer.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ai.djl.Device;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.job.JobOptions;
import io.gitlore.contracts.runtime.DjlEnvironment;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.config.TrainerConfig;
import io.gitlore.trainer.messaging.ReportPublisher;
import io.gitlore.trainer.model.Preset;
import io.gitlore.trainer.report.ReportBuilder;
import io.gitlore.trainer.training.Hardware;
import io.gitlore.trainer.training.LoopState;
import io.gitlore.trainer.training.TrainingCancelledException;
import io.gitlore.trainer.training.TrainingListener;
import io.gitlore.trainer.training.TrainingLoop;
import io.gitlore.trainer.training.TrainingRun;
import io.gitlore.trainer.training.TrainingSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Runs the training stage of each job: takes a dataset-ready record, trains (resuming from the job's checkpoint when
 * a previous attempt was killed), and publishes the report and the job's accepted, progress and completed or failed
 * events. A job whose report is already on disk is published again, not trained twice. A cancelled job (its marker in
 * the data directory) stops after the step in progress, keeps a checkpoint and ends with a cancelled event, no report.
 * A job's own options ({@link JobOptions}, written by the gateway) choose its preset, checkpoint and budget.
 */
@ApplicationScoped
public class TrainJobService {

    private static final Logger LOG = Logger.getLogger(TrainJobService.class);

    private final TrainerConfig config;
    private final ReportPublisher publisher;
    private final Counter tokens;
    private final Counter steps;
    private volatile List<Device> devices;

    public TrainJobService(TrainerConfig config, ReportPublisher publisher, MeterRegistry registry) {
        this.config = config;
        this.publisher = publisher;
        this.tokens = registry.counter("gitlore.trainer.tokens");
        this.steps = registry.counter("gitlore.trainer.steps");
        DjlEnvironment.configure(config.dataDir());
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("trainer devices: %s (GPUs visible: %s)", devices(), Hardware.gpus());
    }

    /** Where models are loaded for generation: the first training device. */
    public Device device() {
        return devices().get(0);
    }

    /** The devices a training runs on, data-parallel: detected once, at start. */
    public List<Device> devices() {
        if (devices == null) {
            devices = Hardware.devices(config.device(), config.gpus());
        }
        return devices;
    }

    public Path modelDir(String jobId) {
        return config.dataDir().resolve("jobs").resolve(jobId).resolve("model");
    }

    public void train(DatasetReady ready) {
        String jobId = ready.jobId();
        Path modelDir = modelDir(jobId);
        Path reportFile = modelDir.resolve(TrainingRun.REPORT);
        TrainingReport report;
        try {
            if (Cancellations.isCancelled(config.dataDir(), jobId) && !Files.isRegularFile(reportFile)) {
                publisher.events().publish(jobId, JobEventType.CANCELLED, 0, -1,
                        "training not started: the job was cancelled", Map.of());
                LOG.infof("job %s was cancelled: not training it", jobId);
                return;
            }
            if (Files.isRegularFile(reportFile)) {
                report = Json.MAPPER.readValue(reportFile.toFile(), TrainingReport.class);
                LOG.infof("job %s was trained before: publishing its report again", jobId);
            } else {
                JobOptions options = JobOptions.read(config.dataDir(), jobId).orElse(JobOptions.NONE);
                TrainingSettings settings = settings(options);
                Optional<Path> pretrained = options.pretrained() != null ? Optional.of(Path.of(options.pretrained()))
                        : config.pretrained();
                if (!options.isEmpty()) {
                    LOG.infof("job %s: its options %s over the configuration", jobId, options);
                }
                publisher.events().publish(jobId, JobEventType.ACCEPTED, 0, -1, "training the model", Map.of());
                report = onTrainingThread(() -> new TrainingRun(settings, devices(), pretrained)
                        .train(ready, modelDir, new Progress(jobId)));
            }
        } catch (TrainingCancelledException e) {
            publisher.events().publish(jobId, JobEventType.CANCELLED, e.step(), e.plannedSteps(), e.getMessage(),
                    Map.of("step", e.step(), "checkpoint", e.checkpoint().toString()));
            LOG.infof("job %s: %s", jobId, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "job %s: training failed", jobId);
            report = ReportBuilder.failed(jobId, ready.repositoryId(), "training failed: " + e.getMessage());
        }
        publisher.report(report);
        publish(report);
    }

    /**
     * The service's settings with the job's own preset and budget where it chose them. A value the gateway would
     * not have let through (an unknown preset, a negative budget) fails the job with the reason.
     */
    TrainingSettings settings(JobOptions options) {
        TrainingSettings configured = config.settings();
        if (options.isEmpty()) {
            return configured;
        }
        Preset preset = configured.preset();
        if (options.preset() != null) {
            try {
                preset = Preset.valueOf(options.preset().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the job's options name the preset '" + options.preset()
                        + "', not one of " + Arrays.stream(Preset.values())
                        .map(p -> p.name().toLowerCase(Locale.ROOT)).toList(), e);
            }
        }
        if (options.maxSteps() != null && options.maxSteps() < 1) {
            throw new IllegalArgumentException("the job's options ask for maxSteps " + options.maxSteps()
                    + ", not a positive number");
        }
        if (options.maxDuration() != null && (options.maxDuration().isNegative() || options.maxDuration().isZero())) {
            throw new IllegalArgumentException("the job's options ask for maxDuration " + options.maxDuration()
                    + ", not a positive duration");
        }
        return configured.with(preset, options.maxSteps() != null ? options.maxSteps() : configured.maxSteps(),
                options.maxDuration() != null ? options.maxDuration() : configured.maxDuration());
    }

    /**
     * Runs a training on a thread of its own with a 64 MB stack: native kernels run on the calling thread's stack, and
     * a Kafka worker has the JVM's default 1 MB. (The NaN gradients once blamed on the stack were freed scalars; see
     * {@code HeldScalars}.)
     */
    private static TrainingReport onTrainingThread(java.util.concurrent.Callable<TrainingReport> training)
            throws IOException {
        java.util.concurrent.FutureTask<TrainingReport> task = new java.util.concurrent.FutureTask<>(training);
        Thread thread = new Thread(null, task, "trainer", 64L << 20);
        thread.start();
        try {
            return task.get();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void publish(TrainingReport report) {
        String jobId = report.jobId();
        switch (report.status()) {
            case EMPTY -> publisher.events().publish(jobId, JobEventType.COMPLETED, 0, 0, report.reason(), Map.of());
            case FAILED -> publisher.events().publish(jobId, JobEventType.FAILED, 0, -1, report.reason(), Map.of());
            case COMPLETED -> {
                String message = String.format("trained %s: test perplexity %.2f (bigram baseline %.2f, unigram %.2f)"
                                + " after %d steps; %s", report.model().preset(), report.results().testPerplexity(),
                        report.baselines().bigramTestPerplexity(), report.baselines().unigramTestPerplexity(),
                        report.run().stepsDone(), report.reason());
                publisher.events().publish(jobId, JobEventType.COMPLETED, report.run().stepsDone(),
                        report.run().stepsDone(), message, Map.of("modelDirectory", report.modelDirectory(),
                                "testPerplexity", report.results().testPerplexity(),
                                "stoppedBy", report.run().stoppedBy().name()));
                LOG.infof("job %s: %s", jobId, message);
            }
        }
    }

    /** Progress events at each logged step (the loop's log interval), and the service's meters. */
    private final class Progress implements TrainingListener {
        private final String jobId;
        private long lastSteps;
        private long lastTokens;

        Progress(String jobId) {
            this.jobId = jobId;
        }

        @Override
        public void progress(LoopState state, long plannedSteps) {
            steps.increment(state.step - lastSteps);
            tokens.increment(state.tokensSeen - lastTokens);
            lastSteps = state.step;
            lastTokens = state.tokensSeen;
            publisher.events().publish(jobId, JobEventType.PROGRESS, state.step, plannedSteps,
                    String.format("step %d of %d, loss %.4f", state.step, plannedSteps, state.lastTrainLoss),
                    Map.of("loss", state.lastTrainLoss, "epoch", state.epoch));
        }

        /** One file lookup after each step: the job control consumer records cancellations in the data directory. */
        @Override
        public boolean cancelled() {
            return Cancellations.isCancelled(config.dataDir(), jobId);
        }
    }
}
