package io.gitlore.gateway.store;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway was asked to run: the repository as resolved (real path), its id, the ref filter and when.
 * Jobs started elsewhere (straight on the topic) have none; their first event creates them in the store.
 */
public record JobSubmission(String jobId, String repository, String repositoryId, List<String> refs,
                            Instant createdAt) {

    public JobSubmission {
        refs = refs == null ? List.of() : List.copyOf(refs);
    }
}
