package io.gitlore.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.training.TrainingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job store on disk: a second store over the same directory (a restarted gateway) finds every job as it was. */
class JobStoreTest {

    @TempDir
    Path dir;

    static JobEvent event(String job, String stage, JobEventType type, long done, long total) {
        return JobEvent.of(job, stage, type, done, total, stage + " " + type + " " + done + "/" + total,
                Map.of("commits", 12, "note", "é"));
    }

    static TrainingReport report(String job) {
        return new TrainingReport(job, "repo-1234abcd", TrainingReport.Status.COMPLETED, null, "/data/jobs/" + job,
                null, null, null, null, null, null, null, Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void aRestartedStoreFindsEveryJobAsItWas() {
        JobStore first = new JobStore(dir);
        first.create(new JobSubmission("job-a", "/repos/a", "a-1234abcd", List.of("refs/heads/*"),
                Instant.parse("2026-01-01T00:00:00Z")));
        first.create(new JobSubmission("job-b", "/repos/b", "b-1234abcd", null, Instant.parse("2026-01-01T01:00:00Z")));
        assertTrue(first.add(event("job-a", "scrape", JobEventType.ACCEPTED, 0, -1)));
        assertTrue(first.add(event("job-a", "scrape", JobEventType.PROGRESS, 5, 10)));
        assertTrue(first.add(event("job-a", "scrape", JobEventType.COMPLETED, 10, 10)));
        assertTrue(first.add(event("job-b", "scrape", JobEventType.FAILED, 0, -1)));
        // A job started straight on the topic (no submission) is kept from its events.
        assertTrue(first.add(event("job-c", "chunk", JobEventType.PROGRESS, 1, 2)));
        first.putReport(report("job-a"));

        JobStore second = new JobStore(dir);
        assertEquals(first.all(), second.all());
        assertEquals(3, second.size());
        assertEquals(List.of("job-b", "job-a", "job-c").stream().sorted().toList(),
                second.all().stream().map(StoredJob::jobId).sorted().toList());
        StoredJob a = second.find("job-a").orElseThrow();
        assertEquals(3, a.events().size());
        assertTrue(a.hasReport());
        assertEquals(List.of("refs/heads/*"), a.submission().refs());
        assertEquals(report("job-a"), second.report("job-a").orElseThrow());
        assertTrue(second.report("job-b").isEmpty());
        assertEquals(first.find("job-c"), second.find("job-c"));
    }

    @Test
    void aRedeliveredEventIsStoredOnceEvenAfterARestart() {
        JobStore first = new JobStore(dir);
        JobEvent progress = event("job-a", "embed", JobEventType.PROGRESS, 3, 9);
        assertTrue(first.add(progress));
        assertFalse(first.add(progress));
        JobStore second = new JobStore(dir);
        assertFalse(second.add(progress));
        assertEquals(1, second.find("job-a").orElseThrow().events().size());
    }

    @Test
    void aTornLastLineFromACrashIsCutOff() throws Exception {
        JobStore first = new JobStore(dir);
        first.add(event("job-a", "scrape", JobEventType.ACCEPTED, 0, -1));
        first.add(event("job-a", "scrape", JobEventType.PROGRESS, 1, 4));
        Files.writeString(dir.resolve("job-a.jsonl"), "{\"event\":{\"id\":\"12", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        JobStore second = new JobStore(dir);
        assertEquals(first.find("job-a"), second.find("job-a"));
        // What is written after the repair reads back too: it was not glued to the torn line.
        assertTrue(second.add(event("job-a", "scrape", JobEventType.COMPLETED, 4, 4)));
        assertEquals(second.find("job-a"), new JobStore(dir).find("job-a"));
        assertEquals(3, new JobStore(dir).find("job-a").orElseThrow().events().size());
    }

    @Test
    void aReportForAJobNeverSeenIsKeptAndFoundAfterARestart() {
        new JobStore(dir).putReport(report("job-r"));
        JobStore second = new JobStore(dir);
        assertTrue(second.find("job-r").orElseThrow().hasReport());
        assertEquals(report("job-r"), second.report("job-r").orElseThrow());
    }

    @Test
    void followersGetTheStoredEventsThenTheNewOnesEachOnce() {
        JobStore store = new JobStore(dir);
        JobEvent one = event("job-f", "scrape", JobEventType.ACCEPTED, 0, -1);
        JobEvent two = event("job-f", "scrape", JobEventType.COMPLETED, 4, 4);
        JobEvent three = event("job-f", "chunk", JobEventType.ACCEPTED, 0, -1);
        store.add(one);
        store.add(two);
        List<JobEvent> seen = new ArrayList<>();
        Runnable stop = store.follow("job-f", seen::add);
        store.add(three);
        store.add(three);
        stop.run();
        store.add(event("job-f", "chunk", JobEventType.COMPLETED, 1, 1));
        assertEquals(List.of(one, two, three), seen);
    }

    @Test
    void theReportsArrivalKeepsItsPlaceAmongTheEventsAcrossARestartAndForFollowers() {
        JobStore first = new JobStore(dir);
        JobEvent one = event("job-p", "scrape", JobEventType.COMPLETED, 4, 4);
        JobEvent two = event("job-p", "training", JobEventType.COMPLETED, 8, 8);
        first.add(one);
        first.putReport(report("job-p"));
        first.add(two);
        first.putReport(report("job-p"));
        assertEquals(1, first.find("job-p").orElseThrow().reportAfterEvents(), "its first arrival counts");
        JobStore second = new JobStore(dir);
        assertEquals(first.find("job-p"), second.find("job-p"));
        List<String> seen = new ArrayList<>();
        second.follow("job-p", new JobStore.Follower() {
            @Override
            public void event(JobEvent event) {
                seen.add(event.stage());
            }

            @Override
            public void reportStored() {
                seen.add("report");
            }
        });
        assertEquals(List.of("scrape", "report", "training"), seen);
        assertEquals(-1, second.find("job-q").map(StoredJob::reportAfterEvents).orElse(-1));
    }

    @Test
    void jobIdsThatCouldEscapeTheDirectoryAreRefused() {
        JobStore store = new JobStore(dir);
        for (String id : List.of("../evil", ".hidden", "a/b", "", "x".repeat(200))) {
            assertThrows(IllegalArgumentException.class, () -> store.add(event(id, "scrape", JobEventType.ACCEPTED,
                    0, -1)), id);
            assertTrue(store.find(id).isEmpty());
            assertTrue(store.report(id).isEmpty());
        }
        assertThrows(IllegalStateException.class, () -> {
            JobSubmission s = new JobSubmission("job-d", "/r", "r", List.of(), Instant.now());
            store.create(s);
            store.create(s);
        });
    }
}
