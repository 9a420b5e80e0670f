package io.gitlore.chunker.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.gitlore.chunker.cache.Lru;
import io.gitlore.chunker.layout.ProjectLayout.Declaration;
import io.gitlore.contracts.scrape.ChangeType;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.SnapshotFile;

/**
 * Follows one repository's {@link ProjectLayout} through its history from the commit stream: a commit's layout is its
 * first parent's with the declaration files the commit changed (the scraper diffs merges against the first parent,
 * and emits parents before children), so each branch sees its own manifests. A commit whose parent this tracker never
 * saw (an incremental job after a restart) starts from the latest layout it knows, marked partial. The snapshot is
 * named by a complete layout: the snapshot commit's, or one read from the snapshot's own manifests. Used on one
 * thread.
 */
public final class LayoutTracker {

    /** The layouts a commit's old and new file versions are named by. */
    public record Span(ProjectLayout before, ProjectLayout after) {
    }

    private final Map<String, ProjectLayout> byCommit;
    private final Map<String, ProjectLayout> fromSnapshots = new Lru<>(16);
    private ProjectLayout latest = ProjectLayout.EMPTY;

    public LayoutTracker(int commits) {
        this.byCommit = new Lru<>(commits);
    }

    /**
     * The layouts before and after a commit.
     *
     * @param newText the text of a changed file's new version, {@code null} when it cannot be read
     */
    public Span commit(String hash, List<String> parents, List<FileChange> files,
                       Function<FileChange, String> newText) {
        ProjectLayout before = parents.isEmpty() ? ProjectLayout.EMPTY : byCommit.get(parents.get(0));
        if (before == null) {
            before = latest.partial();
        }
        List<Declaration> changes = new ArrayList<>();
        for (FileChange f : files) {
            if (ProjectLayout.declares(f.oldPath()) && (f.changeType() == ChangeType.DELETED
                    || f.changeType() == ChangeType.RENAMED)) {
                changes.add(new Declaration(f.oldPath(), false, null));
            }
            if (ProjectLayout.declares(f.newPath()) && f.changeType() != ChangeType.DELETED) {
                changes.add(new Declaration(f.newPath(), true, newText.apply(f)));
            }
        }
        ProjectLayout after = before.with(changes);
        byCommit.put(hash, after);
        latest = after;
        return new Span(before, after);
    }

    /**
     * The layout of a snapshot batch's files: the snapshot commit's when it came through the stream from the root
     * commit, else one built from the declaration files of this snapshot's batches so far. The snapshot lists files in
     * git's path order, where {@code Cargo.toml} sorts before a package's lowercase {@code src/}, {@code tests/} and
     * {@code build.rs}, so a package's manifest is known before its sources.
     */
    public ProjectLayout snapshot(String commit, List<SnapshotFile> files, Function<SnapshotFile, String> text) {
        ProjectLayout known = byCommit.get(commit);
        if (known != null && known.complete()) {
            return known;
        }
        List<Declaration> declared = new ArrayList<>();
        for (SnapshotFile f : files) {
            if (ProjectLayout.declares(f.path())) {
                declared.add(new Declaration(f.path(), true, text.apply(f)));
            }
        }
        ProjectLayout built = fromSnapshots.getOrDefault(commit, ProjectLayout.EMPTY).with(declared);
        fromSnapshots.put(commit, built);
        return built;
    }
}
