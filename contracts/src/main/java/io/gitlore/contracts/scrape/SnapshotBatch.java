package io.gitlore.contracts.scrape;

import java.util.List;

/**
 * Part of the snapshot: the files at {@code ref} (commit {@code commit}), sent after the commit records and before
 * the summary, a batch of at most a few hundred files per message.
 */
public record SnapshotBatch(String jobId, String repositoryId, String ref, String commit, int batch,
                            List<SnapshotFile> files) implements CommitStreamItem {

    @Override
    public String messageId() {
        return jobId + ":snapshot:" + batch;
    }
}
