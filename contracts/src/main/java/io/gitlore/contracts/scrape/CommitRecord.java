package io.gitlore.contracts.scrape;

import java.util.List;

import io.gitlore.contracts.blob.BlobRef;

/**
 * One commit with its metadata and per-file changes, on {@code gitlore.commits.v1} (key = repository id).
 *
 * @param index            chronological position in this repository's emitted history (0 = oldest)
 * @param messageNonUtf8   the raw message bytes were not valid in their declared encoding
 * @param branches         local and remote branches whose history contains this commit
 * @param tags             tags whose history contains this commit
 * @param refsOmitted      containing refs left out of {@code branches}/{@code tags} beyond the configured cap
 * @param files            the changed files (against the first parent for merges), empty when claim-checked
 * @param filesRef         the JSON array of files in the blob store when the list is too large for a message
 * @param unavailable      why the file list is missing or incomplete (a missing tree object), else {@code null}
 */
public record CommitRecord(String jobId, String repositoryId, String hash, String shortHash, long index,
                           Signature author, Signature committer, String subject, String body,
                           boolean messageNonUtf8, List<String> parents, boolean merge,
                           List<String> branches, List<String> tags, int refsOmitted,
                           int filesChanged, int insertions, int deletions,
                           List<FileChange> files, BlobRef filesRef,
                           String unavailable) implements CommitStreamItem {

    @Override
    public String messageId() {
        return hash;
    }
}
