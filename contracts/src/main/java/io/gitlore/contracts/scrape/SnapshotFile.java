package io.gitlore.contracts.scrape;

import java.time.Instant;

import io.gitlore.contracts.blob.BlobRef;

/**
 * One file of the snapshot tree, with the last commit on the snapshot ref's history that touched it.
 *
 * @param blob        the body in the blob store; {@code null} for binary files and files over the size limit
 * @param lastCommit  {@code null} when the last touch happened in a commit an earlier job already emitted
 */
public record SnapshotFile(String path, String blobId, BlobRef blob, long size, boolean binary, String language,
                           String lastCommit, long lastCommitIndex, String lastAuthor, String lastAuthorEmail,
                           Instant lastTime, String lastSubject) {
}
