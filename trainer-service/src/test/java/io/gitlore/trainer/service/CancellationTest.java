package io.gitlore.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.testsupport.Mappings;
import io.gitlore.trainer.TrainerFixtures;
import io.gitlore.trainer.checkpoint.Safetensors;
import io.gitlore.trainer.config.TrainerConfig;
import io.gitlore.trainer.messaging.ReportPublisher;
import io.gitlore.trainer.training.LoopState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled job at the training stage, through the job service as the Kafka consumer drives it: the cancellation
 * is recorded (as the control consumer records it) while the job trains, and training stops after the step in
 * progress with a checkpoint of that step and a cancelled event, exporting no model and publishing no report; a job
 * cancelled before its dataset arrived is not trained at all.
 */
class CancellationTest {

    @TempDir
    Path tmp;

    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private final List<TrainingReport> reports = new CopyOnWriteArrayList<>();

    private TrainJobService service(Consumer<JobEvent> onEvent) {
        TrainerConfig config = Mappings.of(TrainerConfig.class, "data-dir", tmp.resolve("data").toString(),
                "max-steps", "200", "checkpoint-every", "1000", "batch-size", "4", "log-every", "1",
                "eval-every", "1000", "sample-interval", "1s");
        return new TrainJobService(config, new ReportPublisher(new Recording<>(reports::add),
                new Recording<JobEvent>(e -> {
                    events.add(e);
                    onEvent.accept(e);
                })), new SimpleMeterRegistry());
    }

    @Test
    void aJobCancelledWhileTrainingStopsAtTheNextStepWithACheckpointAndSaysSo() throws Exception {
        DatasetReady ready = TrainerFixtures.dataset(tmp.resolve("in"), "job-c", 40);
        Path data = tmp.resolve("data");
        long cancelAt = 3;
        service(e -> {
            if (e.type() == JobEventType.PROGRESS && e.done() == cancelAt) {
                Cancellations.record(data, JobControl.cancel("job-c", "asked by a test"));
            }
        }).train(ready);

        JobEvent last = events.get(events.size() - 1);
        assertEquals(JobEventType.CANCELLED, last.type(), events.toString());
        assertEquals(cancelAt, last.done());
        assertTrue(last.total() > cancelAt, "planned " + last.total());
        assertTrue(last.message().contains("cancelled at step " + cancelAt), last.message());
        assertEquals(cancelAt, events.stream().filter(e -> e.type() == JobEventType.PROGRESS).count());
        Path model = data.resolve("jobs/job-c/model");
        Path checkpoint = model.resolve("checkpoints/checkpoint.safetensors");
        assertEquals(checkpoint.toString(), last.details().get("checkpoint"));
        LoopState state = Json.MAPPER.readValue(Safetensors.metadata(checkpoint).get("state"), LoopState.class);
        assertEquals(cancelAt, state.step);
        assertFalse(Files.exists(model.resolve("training_report.json")));
        assertFalse(Files.exists(model.resolve("model.safetensors")));
        assertTrue(reports.isEmpty(), "a cancelled run publishes no report");
    }

    @Test
    void aJobCancelledBeforeItsDatasetArrivedIsNotTrained() throws Exception {
        DatasetReady ready = TrainerFixtures.dataset(tmp.resolve("in"), "job-early", 10);
        Cancellations.record(tmp.resolve("data"), JobControl.cancel("job-early", null));
        service(e -> { }).train(ready);

        assertEquals(List.of(JobEventType.CANCELLED), events.stream().map(JobEvent::type).toList());
        assertFalse(Files.exists(tmp.resolve("data/jobs/job-early/model")));
        assertTrue(reports.isEmpty());
    }

    /** An emitter that hands each message's payload to a consumer and acknowledges it, as the broker would. */
    static final class Recording<T> implements Emitter<T> {
        private final Consumer<T> sink;

        Recording(Consumer<T> sink) {
            this.sink = sink;
        }

        @Override
        public CompletionStage<Void> send(T payload) {
            sink.accept(payload);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends T>> void send(M message) {
            sink.accept(message.getPayload());
            message.ack();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
