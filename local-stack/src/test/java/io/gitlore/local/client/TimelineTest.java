package io.gitlore.local.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import org.junit.jupiter.api.Test;

/** Stage spans, overlap and the whole-run ratio from job events with known times. */
class TimelineTest {

    private static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");

    @Test
    void overlappingStagesGiveTheirOverlapAndTheRunAgainstTheSlowestStage() {
        Timeline timeline = new Timeline(T0, List.of("scrape", "chunk"));
        timeline.accept(event("scrape", JobEventType.ACCEPTED, 0, 10, 0));
        timeline.accept(event("scrape", JobEventType.COMPLETED, 100, 100, 20));
        timeline.accept(event("chunk", JobEventType.PROGRESS, 10, 100, 10));
        timeline.accept(event("chunk", JobEventType.COMPLETED, 400, 400, 30));
        timeline.firstSearchHit(T0.plusSeconds(12));

        List<Timeline.Row> rows = timeline.rows();
        assertEquals(new Timeline.Row("scrape", 0, 20, 20, 5, 100, 0), rows.get(0));
        // chunk runs 10..30 s; 10 of its 20 s overlap the scrape.
        assertEquals(new Timeline.Row("chunk", 10, 30, 20, 20, 400, 0.5), rows.get(1));
        Map<String, Object> summary = timeline.summary();
        assertEquals(30.0, summary.get("totalSeconds"));
        assertEquals(1.5, summary.get("totalOverSlowest"));
        assertEquals(12.0, summary.get("firstSearchHitSeconds"));
    }

    private static JobEvent event(String stage, JobEventType type, long done, long total, int second) {
        return new JobEvent("id", "job", stage, type, done, total, "", T0.plusSeconds(second), Map.of());
    }
}
