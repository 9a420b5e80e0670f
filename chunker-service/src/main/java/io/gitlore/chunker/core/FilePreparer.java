package io.gitlore.chunker.core;

import java.util.List;
import java.util.Map;

import io.gitlore.chunker.cache.Lru;
import io.gitlore.chunker.hygiene.FileFilter;
import io.gitlore.chunker.layout.LayoutTracker;
import io.gitlore.chunker.layout.ProjectLayout;
import io.gitlore.chunker.syntax.LanguageSpec;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.ChangeType;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.SnapshotFile;

/**
 * Prepares one changed file (or one snapshot file) for emitting: skips what should not be chunked, reads its
 * versions and patch from the blob store, cuts it into drafts by syntax ({@link CodeDrafts}) or by sections
 * ({@link TextDrafts}), sizes ({@link DraftSizer}) and cleans ({@link DraftCleaner}) them. The expensive half of
 * chunking, free of job state.
 */
final class FilePreparer {

    private final BlobStore blobs;
    private final CodeDrafts code;
    private final TextDrafts text;
    private final DraftSizer sizer;
    private final DraftCleaner cleaner = new DraftCleaner();
    private final Map<String, FileDrafts> draftsByChange;

    FilePreparer(ChunkerOptions options, BlobStore blobs, ParseCache parses) {
        this.blobs = blobs;
        this.code = new CodeDrafts(parses, options.maxTokens());
        this.text = new TextDrafts(options.windowLines());
        this.sizer = new DraftSizer(options.minTokens(), options.maxTokens());
        // Merges diffed against their first parent, cherry-picks and rebased branches repeat the same file change
        // many times in a history: chunk it once, re-emit it under each commit.
        this.draftsByChange = new Lru<>(options.cachedFiles() / 4);
    }

    /** Prepares one changed file, its units named by the layouts before and after its commit. */
    PreparedFile prepare(FileChange file, LayoutTracker.Span layouts) {
        if (file.unavailable() != null) {
            return PreparedFile.skipped("unavailable");
        }
        if (file.binary()) {
            return PreparedFile.skipped("binary");
        }
        String byPath = FileFilter.skipByPath(file.path());
        if (byPath != null) {
            return PreparedFile.skipped(byPath);
        }
        String oldModule = layouts.before().module(file.language(), file.oldPath());
        String newModule = layouts.after().module(file.language(), file.newPath());
        String changeKey = file.oldBlobId() + ">" + file.newBlobId() + "@" + file.oldPath() + ">" + file.newPath()
                + "@" + oldModule + ">" + newModule;
        FileDrafts known = draftsByChange.get(changeKey);
        if (known != null) {
            return new PreparedFile(known, null, 0);
        }
        boolean hasNew = file.changeType() != ChangeType.DELETED;
        boolean hasOld = file.changeType() != ChangeType.ADDED;
        String newText = hasNew && file.newBlob() != null ? Lines.decode(blobs.get(file.newBlob())) : null;
        String oldText = hasOld && file.oldBlob() != null ? Lines.decode(blobs.get(file.oldBlob())) : null;
        if (hasNew && newText == null || hasOld && oldText == null) {
            return PreparedFile.skipped("too-large");
        }
        String byContent = FileFilter.skipByContent(hasNew ? newText : oldText);
        if (byContent != null) {
            return PreparedFile.skipped(byContent);
        }
        String patch = file.patch() != null ? file.patch()
                : file.patchRef() != null ? Lines.decode(blobs.get(file.patchRef())) : null;
        PatchEdits edits = PatchEdits.parse(patch);
        String[] newLines = hasNew ? Lines.of(newText) : new String[0];
        String[] oldLines = hasOld ? Lines.of(oldText) : new String[0];
        LanguageSpec spec = LanguageSpec.of(file.language());
        List<Draft> drafts = spec != null
                ? code.drafts(spec, file, oldModule, newModule, newText, oldText, newLines, oldLines, edits)
                : text.drafts(file, newLines, oldLines, edits);
        // Counted before sizing: a unit from a region that did not parse is one fallback, however it is split.
        int fallbacks = (int) drafts.stream().filter(Draft::fallback).count();
        FileDrafts result = sizedAndCleaned(drafts, edits, newLines, oldLines);
        draftsByChange.put(changeKey, result);
        return new PreparedFile(result, null, fallbacks);
    }

    /**
     * Every unit (or text section) of a file as it is at the snapshot ref, whatever its history; its skip reasons
     * are prefixed {@code snapshot-}.
     */
    PreparedFile prepareSnapshot(SnapshotFile file, ProjectLayout layout) {
        String skip = file.binary() ? "binary" : file.blob() == null ? "too-large" : FileFilter.skipByPath(file.path());
        String content = skip == null ? Lines.decode(blobs.get(file.blob())) : null;
        if (skip == null) {
            skip = FileFilter.skipByContent(content);
        }
        if (skip != null) {
            return PreparedFile.skipped("snapshot-" + skip);
        }
        String[] lines = Lines.of(content);
        LanguageSpec spec = LanguageSpec.of(file.language());
        List<Draft> drafts = spec != null
                ? code.snapshotDrafts(spec, file.path(), layout.module(file.language(), file.path()), file.blobId(),
                        content, lines)
                : text.snapshotDrafts(file.path(), file.language(), lines);
        int fallbacks = (int) drafts.stream().filter(Draft::fallback).count();
        return new PreparedFile(sizedAndCleaned(drafts, PatchEdits.parse(null), lines, new String[0]), null,
                fallbacks);
    }

    private FileDrafts sizedAndCleaned(List<Draft> drafts, PatchEdits edits, String[] newLines, String[] oldLines) {
        List<Draft> sized = sizer.sized(drafts, edits, newLines, oldLines);
        return new FileDrafts(sized, sized.stream().map(d -> cleaner.clean(d, edits)).toList(), edits, newLines,
                oldLines);
    }
}
