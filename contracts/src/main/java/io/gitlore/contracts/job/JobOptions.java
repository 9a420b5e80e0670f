package io.gitlore.contracts.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.gitlore.contracts.serde.Json;

/**
 * One job's training options, chosen when it was submitted and kept as {@code <data>/jobs/<job-id>/OPTIONS.json}
 * (like a cancellation marker, so no stream record changes and every replica and a restarted stage sees them); each
 * field left null means "the service's configuration".
 *
 * @param preset      a model preset name (tiny, small, gpt2), checked by the trainer against its own enum
 * @param pretrained  a local GPT-2-family checkpoint directory to start from
 * @param maxSteps    stop after this many optimiser steps
 * @param maxDuration stop after this much training time (ISO-8601 text under every mapper's settings)
 */
public record JobOptions(String preset, String pretrained, Long maxSteps,
                         @JsonSerialize(using = ToStringSerializer.class) Duration maxDuration) {

    public static final String FILE = "OPTIONS.json";

    /** Nothing chosen: the service's configuration throughout. */
    public static final JobOptions NONE = new JobOptions(null, null, null, null);

    @JsonIgnore
    public boolean isEmpty() {
        return preset == null && pretrained == null && maxSteps == null && maxDuration == null;
    }

    public static Path file(Path dataDir, String jobId) {
        return JobFiles.file(dataDir, jobId, FILE);
    }

    /** Writes the job's options whole (a reader never sees half of them), replacing any written before. */
    public static void write(Path dataDir, String jobId, JobOptions options) {
        try {
            JobFiles.writeAtomically(file(dataDir, jobId), Json.write(options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the options of job " + jobId, e);
        }
    }

    /** The job's options, when it was given some; a file that does not parse is an error, not "none". */
    public static Optional<JobOptions> read(Path dataDir, String jobId) {
        Path file = file(dataDir, jobId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), JobOptions.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the options of job " + jobId + " (" + file + ")", e);
        }
    }
}
