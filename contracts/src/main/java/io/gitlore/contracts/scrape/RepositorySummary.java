package io.gitlore.contracts.scrape;

import java.time.Instant;
import java.util.List;

/**
 * Ends a job's commit stream: {@code emitted} is the exact number of commit records sent before it, so downstream
 * stages know the input is complete; the rest is the repository's metadata block.
 *
 * @param skippedAlreadySeen commits left out because an earlier job for this repository emitted them
 * @param missingObjects     files (or trees) whose objects are absent from the repository copy
 * @param snapshotFiles      files sent in snapshot batches ({@code 0} when the job asked for no snapshot)
 * @param notes              things a person should know (shallow clone, detached HEAD, empty repository)
 */
public record RepositorySummary(String jobId, String repositoryId, String repository, long emitted,
                                long skippedAlreadySeen, long authors, long merges, long filesTouched,
                                int branches, int tags, long insertions, long deletions,
                                Instant firstCommitAt, Instant lastCommitAt, long missingObjects,
                                long nonUtf8Files, long nonUtf8Messages, long binaryFiles,
                                long truncatedPatches, long claimChecked, boolean shallow, boolean detachedHead,
                                String snapshotRef, String snapshotCommit, long snapshotFiles,
                                long elapsedMillis, List<String> notes) implements CommitStreamItem {

    @Override
    public String messageId() {
        return jobId + ":end";
    }
}
