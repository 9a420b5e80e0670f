package io.gitlore.gateway.rest;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A job to start: an absolute path of a local git repository under the allowed roots or a clone URL on the clone
 * allowlist, optionally the refs to read
 * (full names or globs such as {@code refs/heads/*}; none means every ref), and optionally an http(s) URL on the
 * callback allowlist that gets the job's view, signed, when the job ends.
 */
public record JobRequest(
        @NotBlank(message = "repository is required: the absolute path of a local git repository, or a clone URL")
        @Size(max = 4096, message = "repository must be at most 4096 characters") String repository,
        @Size(max = 100, message = "at most 100 refs")
        List<@NotBlank(message = "a ref must not be blank")
             @Size(max = 255, message = "a ref must be at most 255 characters")
             @Pattern(regexp = "[^-\\s][^\\s]*", message = "a ref has no spaces and does not start with '-'")
             String> refs,
        @Size(max = 2048, message = "callbackUrl must be at most 2048 characters") String callbackUrl) {

    public JobRequest(String repository, List<String> refs) {
        this(repository, refs, null);
    }
}
