package io.gitlore.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import org.junit.jupiter.api.Test;

/** How a job's events become its per-stage state and overall status. */
class JobProgressTest {

    private static final List<String> STAGES = List.of("scrape", "chunk");

    private static JobEvent at(int second, String stage, JobEventType type, long done, long total) {
        return new JobEvent(stage + type + done, "job", stage, type, done, total, stage + " " + done, Instant
                .parse("2026-01-01T00:00:00Z").plusSeconds(second), Map.of());
    }

    @Test
    void queuedThenRunningThenCompletedWhenEveryExpectedStageCompleted() {
        JobProgress progress = new JobProgress(STAGES);
        assertEquals(JobStatus.QUEUED, progress.status());
        progress.add(at(1, "chunk", JobEventType.ACCEPTED, 0, -1));
        progress.add(at(2, "scrape", JobEventType.PROGRESS, 5, 10));
        assertEquals(JobStatus.RUNNING, progress.status());
        progress.add(at(3, "scrape", JobEventType.COMPLETED, 10, 10));
        progress.add(at(4, "scrape", JobEventType.PROGRESS, 7, 10));
        StageView scrape = progress.stages().get(0);
        assertEquals(List.of("scrape", "chunk"), progress.stages().stream().map(StageView::stage).toList());
        assertEquals(new StageView("scrape", JobEventType.COMPLETED, 10, 10, "scrape 10",
                Instant.parse("2026-01-01T00:00:02Z"), Instant.parse("2026-01-01T00:00:04Z"), 3), scrape);
        assertEquals(JobStatus.RUNNING, progress.status());
        progress.add(at(5, "chunk", JobEventType.COMPLETED, 3, 3));
        progress.add(at(6, "extra", JobEventType.PROGRESS, 1, 2));
        assertEquals(JobStatus.COMPLETED, progress.status());
        assertEquals("extra", progress.stages().get(2).stage());
        assertNull(progress.failure());
        assertEquals(Instant.parse("2026-01-01T00:00:06Z"), progress.lastEventAt());
    }

    @Test
    void oneFailedStageFailsTheJobWithItsReason() {
        JobProgress progress = JobProgress.of(STAGES, List.of(at(1, "scrape", JobEventType.ACCEPTED, 0, -1),
                at(2, "scrape", JobEventType.FAILED, 0, -1), at(3, "chunk", JobEventType.COMPLETED, 0, 0)), -1);
        assertEquals(JobStatus.FAILED, progress.status());
        assertEquals("[scrape] scrape 0", progress.failure());
    }

    @Test
    void theFirstFinalStateStaysACancelledJobIsNotFailedByAStageStoppingLater() {
        JobProgress cancelled = JobProgress.of(STAGES, List.of(at(1, "scrape", JobEventType.PROGRESS, 1, 9),
                at(2, "gateway", JobEventType.CANCELLED, 0, -1), at(3, "scrape", JobEventType.FAILED, 0, -1),
                at(4, "chunk", JobEventType.COMPLETED, 1, 1), at(5, "scrape", JobEventType.CANCELLED, 1, 9)), -1);
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals("[gateway] gateway 0", cancelled.failure());
        assertEquals(JobEventType.FAILED, cancelled.stages().get(0).state(), "a finished stage stays as it ended");
        assertEquals(JobStatus.FAILED, JobProgress.of(STAGES, List.of(at(1, "chunk", JobEventType.FAILED, 0, -1),
                at(2, "scrape", JobEventType.CANCELLED, 0, -1)), -1).status());
    }

    @Test
    void aJobWithTrainingWaitsForItsReportBeforeItIsCompleted() {
        List<String> stages = List.of("scrape", JobProgress.REPORTING_STAGE);
        List<JobEvent> run = List.of(at(1, "scrape", JobEventType.COMPLETED, 3, 3),
                at(2, JobProgress.REPORTING_STAGE, JobEventType.COMPLETED, 8, 8));
        JobProgress waiting = JobProgress.of(stages, run, -1);
        assertEquals(JobStatus.RUNNING, waiting.status(), "the completed event came before the report");
        waiting.reportStored();
        assertEquals(JobStatus.COMPLETED, waiting.status());
        assertEquals(JobStatus.COMPLETED, JobProgress.of(stages, run, 0).status(), "the report came first");
        assertEquals(JobStatus.COMPLETED, JobProgress.of(stages, run, 2).status(), "the report came last");
        assertEquals(JobStatus.COMPLETED, JobProgress.of(STAGES, List.of(at(1, "scrape", JobEventType.COMPLETED,
                1, 1), at(2, "chunk", JobEventType.COMPLETED, 1, 1)), -1).status(), "no training, no wait");
    }

    @Test
    void aCancellationWhileWaitingForTheReportStaysTheJobsEndWhenTheReportComesLater() {
        List<String> stages = List.of("scrape", JobProgress.REPORTING_STAGE);
        List<JobEvent> run = List.of(at(1, "scrape", JobEventType.COMPLETED, 3, 3),
                at(2, JobProgress.REPORTING_STAGE, JobEventType.COMPLETED, 8, 8),
                at(3, "gateway", JobEventType.CANCELLED, 0, -1));
        assertEquals(JobStatus.CANCELLED, JobProgress.of(stages, run, 3).status(), "the report came after");
        assertEquals(JobStatus.COMPLETED, JobProgress.of(stages, run, 1).status(), "the report came before");
    }
}
