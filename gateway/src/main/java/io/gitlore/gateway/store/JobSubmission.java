package io.gitlore.gateway.store;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.job.JobOptions;

/**
 * What the gateway was asked to run: the repository as resolved (real path or clone URL), its id, the ref filter,
 * when, where to call when the job ends (checked against the callback allowlist; null for none) and the job's own
 * training options (null for none: the trainer's configuration). Jobs started
 * elsewhere (straight on the topic) have none; their first event creates them in the store.
 */
public record JobSubmission(String jobId, String repository, String repositoryId, List<String> refs,
                            Instant createdAt, String callbackUrl, JobOptions options) {

    public JobSubmission {
        refs = refs == null ? List.of() : List.copyOf(refs);
    }

    public JobSubmission(String jobId, String repository, String repositoryId, List<String> refs, Instant createdAt) {
        this(jobId, repository, repositoryId, refs, createdAt, null, null);
    }

    public JobSubmission(String jobId, String repository, String repositoryId, List<String> refs, Instant createdAt,
                         String callbackUrl) {
        this(jobId, repository, repositoryId, refs, createdAt, callbackUrl, null);
    }
}
