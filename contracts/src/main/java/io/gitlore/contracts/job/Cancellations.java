package io.gitlore.contracts.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.gitlore.contracts.serde.Json;

/**
 * The cancellations a stage has received, kept as marker files in the shared data directory
 * ({@code <data>/jobs/<job-id>/CANCELLED}, the {@link JobControl} as JSON): any replica of a stage sees a
 * cancellation another replica consumed, and a restarted stage still knows it, so a redelivered input of a cancelled
 * job is not worked on again. Checking is one file lookup, cheap enough for every unit of work.
 */
public final class Cancellations {

    public static final String MARKER = "CANCELLED";

    private Cancellations() {
    }

    public static Path marker(Path dataDir, String jobId) {
        return JobFiles.file(dataDir, jobId, MARKER);
    }

    /** Records the cancellation (atomically: a reader never sees half of it); a second one is a no-op. */
    public static void record(Path dataDir, JobControl control) {
        Path marker = marker(dataDir, control.jobId());
        if (Files.exists(marker)) {
            return;
        }
        try {
            JobFiles.writeAtomically(marker, Json.write(control));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the cancellation of job " + control.jobId(), e);
        }
    }

    public static boolean isCancelled(Path dataDir, String jobId) {
        return JobIds.isValid(jobId) && Files.exists(marker(dataDir, jobId));
    }

    /** The cancellation as received, when there is one. */
    public static Optional<JobControl> find(Path dataDir, String jobId) {
        if (!isCancelled(dataDir, jobId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(marker(dataDir, jobId).toFile(), JobControl.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cancellation of job " + jobId, e);
        }
    }
}
