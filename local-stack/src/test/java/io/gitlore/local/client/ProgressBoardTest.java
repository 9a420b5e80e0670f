package io.gitlore.local.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.local.client.ProgressBoard.Line;
import org.junit.jupiter.api.Test;

/** The progress lines a log file gets: one per state change and per tenth of a stage, never one per event. */
class ProgressBoardTest {

    @Test
    void plainOutputPrintsStateChangesAndTenthsOnly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBoard board = new ProgressBoard(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                List.of("scrape", "chunk"));
        board.accept(JobEvent.of("j", "scrape", JobEventType.ACCEPTED, 0, 0, "scraping", Map.of()));
        for (int done = 1; done <= 200; done++) {
            board.accept(JobEvent.of("j", "scrape", JobEventType.PROGRESS, done, 200, "", Map.of()));
        }
        board.accept(JobEvent.of("j", "scrape", JobEventType.COMPLETED, 200, 200, "200 commits", Map.of()));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(13, lines.size(), String.join("\n", lines)); // accepted, first progress, 10 tenths, completed
        assertEquals("scrape    [                              ] accepted: scraping", lines.get(0));
        assertEquals("scrape    [###############               ]  50% 100/200 progress", lines.get(6));
        assertEquals("scrape    [##############################] 100% 200/200 completed: 200 commits",
                lines.get(12));
    }

    @Test
    void theEmbeddersVectorProgressShowsThatTextIsSearchableAndAnEta() {
        Line line = new Line();
        line.type = JobEventType.PROGRESS;
        line.done = 512;
        line.total = 2048;
        line.searchable = true;
        line.eta = 192;
        assertEquals("embed     [#######                       ]  25% 512/2048 progress (text searchable) ETA 3m12s",
                ProgressBoard.render("embed", line));
    }
}
