package io.gitlore.contracts.scrape;

import io.gitlore.contracts.blob.BlobRef;

/**
 * One file changed by a commit; paths are repository-relative, {@code null} where a side does not exist.
 *
 * @param similarity   rename/copy score 0-100, {@code null} for other changes
 * @param patch        the unified patch when small enough to travel inline, else {@code null}
 * @param patchRef     the patch in the blob store when it does not travel inline
 * @param patchBytes   the full patch's length in bytes (before any cut)
 * @param truncated    the patch (inline or stored) was cut at the configured maximum
 * @param oldBlob      the old content in the blob store (text files up to the configured size)
 * @param nonUtf8      the content is not valid UTF-8; the patch text was decoded with replacement characters
 * @param unavailable  why the content could not be read (for example a missing object), else {@code null}
 */
public record FileChange(ChangeType changeType, String oldPath, String newPath, Integer similarity,
                         int insertions, int deletions, boolean binary, String language,
                         String oldBlobId, String newBlobId, String patch, BlobRef patchRef, long patchBytes,
                         boolean truncated, BlobRef oldBlob, BlobRef newBlob, boolean nonUtf8, String unavailable) {

    /** The path this change is known by: the new path, or the old one for deletions. */
    public String path() {
        return newPath != null ? newPath : oldPath;
    }
}
