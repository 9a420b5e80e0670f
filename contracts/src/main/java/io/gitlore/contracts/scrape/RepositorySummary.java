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
 * @param cancelled          why the job was cancelled when the stream stopped early ({@code emitted} is then the
 *                           count sent before the stop, and no snapshot follows); null when it ran to its end
 */
public record RepositorySummary(String jobId, String repositoryId, String repository, long emitted,
                                long skippedAlreadySeen, long authors, long merges, long filesTouched,
                                int branches, int tags, long insertions, long deletions,
                                Instant firstCommitAt, Instant lastCommitAt, long missingObjects,
                                long nonUtf8Files, long nonUtf8Messages, long binaryFiles,
                                long truncatedPatches, long claimChecked, boolean shallow, boolean detachedHead,
                                String snapshotRef, String snapshotCommit, long snapshotFiles,
                                long elapsedMillis, List<String> notes, String cancelled)
        implements CommitStreamItem {

    /** A stream that ran to its end (the shape before cancellations, kept for its callers). */
    public RepositorySummary(String jobId, String repositoryId, String repository, long emitted,
                             long skippedAlreadySeen, long authors, long merges, long filesTouched,
                             int branches, int tags, long insertions, long deletions,
                             Instant firstCommitAt, Instant lastCommitAt, long missingObjects,
                             long nonUtf8Files, long nonUtf8Messages, long binaryFiles,
                             long truncatedPatches, long claimChecked, boolean shallow, boolean detachedHead,
                             String snapshotRef, String snapshotCommit, long snapshotFiles,
                             long elapsedMillis, List<String> notes) {
        this(jobId, repositoryId, repository, emitted, skippedAlreadySeen, authors, merges, filesTouched, branches,
                tags, insertions, deletions, firstCommitAt, lastCommitAt, missingObjects, nonUtf8Files,
                nonUtf8Messages, binaryFiles, truncatedPatches, claimChecked, shallow, detachedHead, snapshotRef,
                snapshotCommit, snapshotFiles, elapsedMillis, notes, null);
    }

    /** Whether the job was cancelled: the stream ends here, early, with {@code emitted} records before it. */
    public boolean wasCancelled() {
        return cancelled != null;
    }

    @Override
    public String messageId() {
        return jobId + ":end";
    }
}
