package io.gitlore.scraper.git;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.Languages;
import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.ChangeType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.contracts.scrape.SnapshotFile;
import io.gitlore.contracts.serde.Json;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files at the head of one ref, sent after the last commit as {@link SnapshotBatch}es: while commits on that ref
 * are emitted it remembers, per path, the last commit that changed it; then it walks the head's tree, stores text
 * bodies in the blob store and sends each file with its last change.
 */
final class BranchSnapshot {

    /** The last commit on the snapshot ref's history that touched a path. */
    private record Touch(String hash, long index, String author, String email, Instant time, String subject) {
    }

    private static final int BATCH = 200;

    private final ScrapeOptions options;
    private final BlobStore blobs;
    private final Map<String, Touch> lastTouch = new HashMap<>();

    BranchSnapshot(ScrapeOptions options, BlobStore blobs) {
        this.options = options;
        this.blobs = blobs;
    }

    /** Credits the files of a commit on the snapshot ref, given in history order. */
    void credit(CommitRecord r) {
        // A merge only brings in changes authored on its other parents: like `git log -1 -- <path>`, credit those.
        if (r.merge()) {
            return;
        }
        List<FileChange> files = r.filesRef() == null ? r.files()
                : List.of(Json.read(blobs.get(r.filesRef()), FileChange[].class));
        Touch touch = new Touch(r.hash(), r.index(), r.author().name(), r.author().email(), r.author().time(),
                r.subject());
        for (FileChange f : files) {
            if (f.oldPath() != null && f.changeType() != ChangeType.COPIED) {
                lastTouch.remove(f.oldPath());
            }
            if (f.newPath() != null) {
                lastTouch.put(f.newPath(), touch);
            }
        }
    }

    /** Sends the files at {@code commit} (the head of {@code ref}) in batches; returns how many were sent. */
    long send(ObjectReader reader, HistoryScraper.Request request, String ref, RevCommit commit,
              HistoryScraper.Listener listener, List<String> notes) throws IOException {
        List<SnapshotFile> batch = new ArrayList<>(BATCH);
        int batches = 0;
        long files = 0;
        long missing = 0;
        try (TreeWalk tree = new TreeWalk(reader)) {
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue; // symlinks and submodules have no body worth indexing
                }
                String path = tree.getPathString();
                ObjectId id = tree.getObjectId(0);
                long size;
                BlobRef blob = null;
                boolean binary;
                try {
                    ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
                    size = loader.getSize();
                    binary = size > options.bigFileThreshold();
                    if (!binary && size <= options.maxBlobBytes()) {
                        byte[] bytes = loader.getCachedBytes();
                        binary = CapturingDiffFormatter.hasNul(bytes);
                        blob = binary ? null : blobs.put(id.name(), bytes);
                    }
                } catch (MissingObjectException e) {
                    missing++;
                    continue;
                }
                Touch touch = lastTouch.get(path);
                batch.add(new SnapshotFile(path, id.name(), blob, size, binary, Languages.fromPath(path),
                        touch == null ? null : touch.hash(), touch == null ? -1 : touch.index(),
                        touch == null ? null : touch.author(), touch == null ? null : touch.email(),
                        touch == null ? null : touch.time(), touch == null ? null : touch.subject()));
                files++;
                if (batch.size() == BATCH) {
                    listener.snapshot(new SnapshotBatch(request.jobId(), request.repositoryId(), ref, commit.name(),
                            batches++, List.copyOf(batch)));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            listener.snapshot(new SnapshotBatch(request.jobId(), request.repositoryId(), ref, commit.name(),
                    batches, List.copyOf(batch)));
        }
        if (missing > 0) {
            notes.add(missing + " snapshot files are missing from the repository copy and were left out");
        }
        return files;
    }
}
