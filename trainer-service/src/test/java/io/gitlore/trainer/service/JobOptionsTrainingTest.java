package io.gitlore.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.job.JobOptions;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.testsupport.Mappings;
import io.gitlore.trainer.TrainerFixtures;
import io.gitlore.trainer.config.TrainerConfig;
import io.gitlore.trainer.messaging.ReportPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's own options (its {@code OPTIONS.json}, as the gateway writes it) over the service's configuration: they
 * hold for that job only, the report shows the values that held, and a preset the trainer does not know fails the
 * job with the reason instead of breaking the consumer.
 */
class JobOptionsTrainingTest {

    @TempDir
    Path tmp;

    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private final List<TrainingReport> reports = new CopyOnWriteArrayList<>();

    private TrainJobService service() {
        TrainerConfig config = Mappings.of(TrainerConfig.class, "data-dir", tmp.resolve("data").toString(),
                "max-steps", "200", "checkpoint-every", "1000", "batch-size", "4", "log-every", "1",
                "eval-every", "1000", "sample-interval", "1s");
        return new TrainJobService(config, new ReportPublisher(new CancellationTest.Recording<>(reports::add),
                new CancellationTest.Recording<JobEvent>(events::add)), new SimpleMeterRegistry());
    }

    @Test
    void aJobWhoseOptionsSayTwoStepsTrainsTwoStepsWhereTheServiceWouldTrainMore() {
        DatasetReady ready = TrainerFixtures.dataset(tmp.resolve("in"), "job-o", 20);
        JobOptions.write(tmp.resolve("data"), "job-o", new JobOptions("TINY", null, 2L, null));
        service().train(ready);

        TrainingReport report = reports.get(0);
        assertEquals(TrainingReport.Status.COMPLETED, report.status(), report.reason());
        assertEquals(2, report.run().stepsDone());
        assertEquals(TrainingReport.StopReason.MAX_STEPS, report.run().stoppedBy());
        assertEquals("tiny", report.model().preset());
        assertEquals(2, events.stream().filter(e -> e.type() == JobEventType.PROGRESS).count());
        assertEquals(JobEventType.COMPLETED, events.get(events.size() - 1).type());
    }

    @Test
    void aPresetTheTrainerDoesNotKnowFailsTheJobWithTheReason() {
        DatasetReady ready = TrainerFixtures.dataset(tmp.resolve("in"), "job-x", 5);
        JobOptions.write(tmp.resolve("data"), "job-x", new JobOptions("huge", null, null, null));
        service().train(ready);

        JobEvent last = events.get(events.size() - 1);
        assertEquals(JobEventType.FAILED, last.type(), events.toString());
        assertTrue(last.message().contains("preset 'huge'") && last.message().contains("tiny"), last.message());
        assertEquals(TrainingReport.Status.FAILED, reports.get(0).status());
    }
}
