package io.gitlore.gateway.rest;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.gitlore.contracts.job.JobOptions;
import io.gitlore.gateway.service.RejectedRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job to start: an absolute path of a local git repository under the allowed roots or a clone URL on the clone
 * allowlist, optionally the refs to read
 * (full names or globs such as {@code refs/heads/*}; none means every ref), optionally an http(s) URL on the
 * callback allowlist that gets the job's view, signed, when the job ends, and optionally the job's own training
 * options over the trainer's configuration.
 */
public record JobRequest(
        @NotBlank(message = "repository is required: the absolute path of a local git repository, or a clone URL")
        @Size(max = 4096, message = "repository must be at most 4096 characters") String repository,
        @Size(max = 100, message = "at most 100 refs")
        List<@NotBlank(message = "a ref must not be blank")
             @Size(max = 255, message = "a ref must be at most 255 characters")
             @Pattern(regexp = "[^-\\s][^\\s]*", message = "a ref has no spaces and does not start with '-'")
             String> refs,
        @Size(max = 2048, message = "callbackUrl must be at most 2048 characters") String callbackUrl,
        @Valid Options options) {

    /** The longest training budget a job may ask for. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    public JobRequest(String repository, List<String> refs) {
        this(repository, refs, null, null);
    }

    public JobRequest(String repository, List<String> refs, String callbackUrl) {
        this(repository, refs, callbackUrl, null);
    }

    /** The job's training options; each one absent is the trainer's configuration. */
    @Schema(name = "JobRequestOptions", description = "This job's training options; each one left out is the "
            + "trainer's configuration (gitlore.trainer.*). Kept in <data>/jobs/<id>/OPTIONS.json for the trainer.")
    public record Options(
            @Schema(description = "Model preset", enumeration = {"tiny", "small", "gpt2"})
            @Pattern(regexp = "(?i)tiny|small|gpt2", message = "preset is one of tiny, small, gpt2")
            String preset,
            @Schema(description = "Absolute path of a GPT-2-family checkpoint directory (config.json and "
                    + "model.safetensors) under the allowed roots, to start from")
            @Size(max = 4096, message = "pretrained must be at most 4096 characters")
            String pretrained,
            @Schema(description = "Stop after this many optimiser steps", minimum = "1", maximum = "10000000")
            @Min(value = 1, message = "maxSteps must be at least 1")
            @Max(value = 10_000_000, message = "maxSteps must be at most 10000000")
            Long maxSteps,
            @Schema(description = "Stop after this much training time, an ISO-8601 duration up to 7 days",
                    example = "PT15M")
            @Size(max = 64, message = "maxDuration must be at most 64 characters")
            String maxDuration) {

        /** The options as the trainer reads them; a duration that is not one, or out of range, is refused. */
        public JobOptions toJobOptions() {
            return new JobOptions(preset == null ? null : preset.toLowerCase(java.util.Locale.ROOT), pretrained,
                    maxSteps, duration());
        }

        private Duration duration() {
            if (maxDuration == null) {
                return null;
            }
            String field = "options.maxDuration";
            Duration parsed;
            try {
                parsed = Duration.parse(maxDuration.strip());
            } catch (DateTimeParseException e) {
                throw new RejectedRequestException(field, "maxDuration must be an ISO-8601 duration such as PT15M, "
                        + "not '" + maxDuration + "'");
            }
            if (parsed.isNegative() || parsed.isZero() || parsed.compareTo(MAX_DURATION) > 0) {
                throw new RejectedRequestException(field, "maxDuration must be positive and at most "
                        + MAX_DURATION + ", not " + parsed);
            }
            return parsed;
        }
    }
}
