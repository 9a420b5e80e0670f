package io.gitlore.contracts.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's options file: read back as written, absent when none was written, readable by a person. */
class JobOptionsTest {

    @TempDir
    Path data;

    @Test
    void optionsAreReadBackAsWrittenAndAPartialOneKeepsItsNulls() throws Exception {
        assertEquals(Optional.empty(), JobOptions.read(data, "job-1"));
        JobOptions full = new JobOptions("small", "/models/gpt2", 2L, Duration.ofMinutes(15));
        JobOptions.write(data, "job-1", full);
        assertEquals(full, JobOptions.read(data, "job-1").orElseThrow());
        String text = Files.readString(data.resolve("jobs/job-1/OPTIONS.json"));
        assertTrue(text.contains("\"maxDuration\":\"PT15M\""), text);

        JobOptions partial = new JobOptions(null, null, 7L, null);
        JobOptions.write(data, "job-1", partial);
        assertEquals(partial, JobOptions.read(data, "job-1").orElseThrow());
        assertTrue(JobOptions.NONE.isEmpty());
        try (var files = Files.list(data.resolve("jobs/job-1"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aFileThatDoesNotParseIsAnErrorAndABadJobIdIsRefused() throws Exception {
        Files.createDirectories(data.resolve("jobs/job-2"));
        Files.writeString(data.resolve("jobs/job-2/OPTIONS.json"), "{\"maxSteps\":");
        assertThrows(UncheckedIOException.class, () -> JobOptions.read(data, "job-2"));
        assertThrows(IllegalArgumentException.class, () -> JobOptions.write(data, "../x", JobOptions.NONE));
    }
}
