package io.gitlore.contracts.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancellation markers: recorded once, seen by anyone on the data directory, never outside the jobs directory. */
class CancellationsTest {

    @TempDir
    Path data;

    @Test
    void aRecordedCancellationIsSeenAndReadBackAndASecondOneKeepsTheFirst() {
        assertFalse(Cancellations.isCancelled(data, "job-1"));
        JobControl first = JobControl.cancel("job-1", "first");
        Cancellations.record(data, first);
        Cancellations.record(data, JobControl.cancel("job-1", "second"));
        assertTrue(Cancellations.isCancelled(data, "job-1"));
        assertEquals(first, Cancellations.find(data, "job-1").orElseThrow());
        assertTrue(Files.isRegularFile(data.resolve("jobs/job-1/CANCELLED")));
        assertFalse(Cancellations.isCancelled(data, "job-2"));
    }

    @Test
    void aJobIdThatWouldLeadOutOfTheJobsDirectoryIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Cancellations.record(data, JobControl.cancel("../escape", null)));
        assertFalse(Cancellations.isCancelled(data, "../escape"));
        assertFalse(Cancellations.isCancelled(data, null));
        assertFalse(JobIds.isValid(".hidden"));
        assertTrue(JobIds.isValid("0b6c7f0e-3f38-4a8e-9d3e-2d7a1c5e9f10"));
    }
}
