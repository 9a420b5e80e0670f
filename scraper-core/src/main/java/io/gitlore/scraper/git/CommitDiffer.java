package io.gitlore.scraper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.gitlore.contracts.Languages;
import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.scrape.ChangeType;
import io.gitlore.contracts.scrape.FileChange;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Diffs one commit against its first parent into {@link FileChange}s (merges too, unless the options say merges carry
 * no files): line counts, the patch inline or claim-checked, both text bodies in the blob store, and a reason in
 * place of the diff when the repository copy lacks a tree or blob.
 */
final class CommitDiffer {

    /** The files a commit changed, and why the list is incomplete when it is. */
    record Diff(List<FileChange> files, String unavailable) {
    }

    private final ScrapeOptions options;

    CommitDiffer(ScrapeOptions options) {
        this.options = options;
    }

    /** Configures a worker's formatter the way every diff of a scrape is computed (git's rename rules). */
    static void configure(CapturingDiffFormatter diff, ScrapeOptions options) {
        diff.setDetectRenames(true);
        diff.getRenameDetector().setRenameScore(options.renameScore());
        diff.getRenameDetector().setRenameLimit(options.renameLimit());
        diff.setBinaryFileThreshold(options.bigFileThreshold());
    }

    Diff changes(CapturingDiffFormatter diff, RevCommit commit, ScrapeStats stats) throws IOException {
        boolean merge = commit.getParentCount() > 1;
        return !merge || options.firstParentMergeDiff() ? againstFirstParent(diff, commit, stats)
                : new Diff(List.of(), null);
    }

    private Diff againstFirstParent(CapturingDiffFormatter diff, RevCommit commit, ScrapeStats stats)
            throws IOException {
        ObjectId parentTree = commit.getParentCount() > 0 ? commit.getParent(0).getTree() : null;
        // A merge whose first parent is its branch's base, or a rebased copy, repeats a pair of trees seen before.
        DiffMemo.TreeDiff seen = diff.memo().treeDiff(parentTree, commit.getTree());
        if (seen != null) {
            diff.awaitWrites(seen.writes());
            count(seen.files(), stats);
            return new Diff(seen.files(), null);
        }
        List<DiffEntry> entries;
        try {
            entries = diff.scanTrees(parentTree, commit.getTree());
        } catch (MissingObjectException e) {
            // Content rename detection reads blobs; without a missing one we still know which files changed.
            diff.setDetectRenames(false);
            try {
                entries = diff.scanTrees(parentTree, commit.getTree());
            } catch (MissingObjectException treeMissing) {
                stats.missing++;
                return new Diff(List.of(), "tree " + treeMissing.getObjectId().name()
                        + " is missing: the files of this commit cannot be listed");
            } finally {
                configure(diff, options);
            }
        }
        List<FileChange> files = new ArrayList<>(entries.size());
        for (DiffEntry entry : entries) {
            files.add(fileChange(diff, entry));
        }
        List<FileChange> changes = List.copyOf(files);
        diff.memo().rememberTreeDiff(parentTree, commit.getTree(), changes, diff.pendingWrites());
        count(changes, stats);
        return new Diff(changes, null);
    }

    /** Adds a commit's files to the summary figures (the same whether they were diffed now or remembered). */
    private static void count(List<FileChange> files, ScrapeStats stats) {
        for (FileChange f : files) {
            stats.missing += f.unavailable() != null ? 1 : 0;
            stats.binary += f.binary() ? 1 : 0;
            stats.nonUtf8Files += f.nonUtf8() ? 1 : 0;
            stats.truncated += f.truncated() ? 1 : 0;
            stats.claimChecked += f.patchRef() != null ? 1 : 0;
        }
    }

    private FileChange fileChange(CapturingDiffFormatter diff, DiffEntry entry) throws IOException {
        ChangeType type = switch (entry.getChangeType()) {
            case ADD -> ChangeType.ADDED;
            case MODIFY -> ChangeType.MODIFIED;
            case DELETE -> ChangeType.DELETED;
            case RENAME -> ChangeType.RENAMED;
            case COPY -> ChangeType.COPIED;
        };
        String oldPath = type == ChangeType.ADDED ? null : entry.getOldPath();
        String newPath = type == ChangeType.DELETED ? null : entry.getNewPath();
        Integer similarity = type == ChangeType.RENAMED || type == ChangeType.COPIED ? entry.getScore() : null;
        String oldId = blobId(entry.getOldId());
        String newId = blobId(entry.getNewId());
        String language = Languages.fromPath(newPath != null ? newPath : oldPath);

        CapturingDiffFormatter.Captured captured;
        try {
            captured = diff.capture(entry);
        } catch (MissingObjectException e) {
            return new FileChange(type, oldPath, newPath, similarity, 0, 0, false, language, oldId, newId, null,
                    null, 0, false, null, null, false,
                    "blob " + e.getObjectId().name() + " is missing from the repository copy");
        }
        boolean binary = captured.binary();
        int insertions = captured.insertions();
        int deletions = captured.deletions();
        boolean nonUtf8 = captured.nonUtf8();
        BlobRef oldBlob = captured.oldBlob();
        BlobRef newBlob = captured.newBlob();
        byte[] patchBytes = captured.patch();
        String patch = null;
        BlobRef patchRef = null;
        boolean truncated = false;
        if (patchBytes.length <= options.maxInlinePatchBytes()) {
            patch = new String(patchBytes, StandardCharsets.UTF_8);
        } else {
            byte[] kept = patchBytes;
            if (patchBytes.length > options.maxPatchBytes()) {
                kept = cutAtLine(patchBytes, options.maxPatchBytes());
                truncated = true;
            }
            patchRef = diff.claimCheck(kept);
        }
        return new FileChange(type, oldPath, newPath, similarity, insertions, deletions, binary, language, oldId,
                newId, patch, patchRef, patchBytes.length, truncated, oldBlob, newBlob, nonUtf8, null);
    }

    private static String blobId(AbbreviatedObjectId id) {
        return id == null || !id.isComplete() || ObjectId.zeroId().equals(id.toObjectId()) ? null : id.name();
    }

    private static byte[] cutAtLine(byte[] bytes, int max) {
        int end = max;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return Arrays.copyOf(bytes, end == 0 ? max : end);
    }
}
