package io.gitlore.scraper.git;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.FileChange;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What one scrape has already worked out per blob and per pair of blobs, shared by the diff workers: whether a blob
 * is binary or not UTF-8, its blob-store reference, and the line diff of an (old, new) pair.
 *
 * <p>Histories repeat the same file changes: a merge's first-parent diff repeats its branch's commits, rebased and
 * cherry-picked commits repeat their originals, and every pull-request head repeats them again (rust-analyzer's
 * 311 K file changes hold 127 K distinct blob pairs, tokio's 122 K hold 62 K). A repeated pair costs neither the
 * blob reads, nor the UTF-8 checks, nor the diff; a repeated pair of trees (a merge whose first parent is its
 * branch's base, a rebased copy: a fifth of rust-analyzer's commits) costs neither the tree walk nor rename
 * detection. Blob-store writes go through its {@link BlobWriter}.
 */
final class DiffMemo implements AutoCloseable {

    /** What the scrape needs to know about one blob; {@code binary} also covers blobs too large to diff. */
    record Facts(boolean binary, boolean utf8, int size) {
    }

    /** The line diff of one pair of text blobs: its counts and hunks (the patch without its header). */
    record PairDiff(int insertions, int deletions, byte[] hunks) {
    }

    /** The files of a commit's diff between two trees, and the blob writes they refer to. */
    record TreeDiff(List<FileChange> files, List<CompletableFuture<Void>> writes) {
    }

    private record Pair(ObjectId a, ObjectId b) {
    }

    /** A blob handed to the writer: its reference, and the write a record referring to it must wait for. */
    private record Stored(BlobRef ref, CompletableFuture<Void> written) {
    }

    /** Above this many entries the per-blob maps are cleared rather than grown (a few hundred bytes each). */
    private static final int MAX_BLOBS = 1 << 20;
    private static final long PAIR_BYTES = 64L << 20;

    private final BlobWriter writer;
    private final int maxBlobBytes;
    private final Map<ObjectId, Facts> facts = new ConcurrentHashMap<>();
    /** By blob-store id: a git blob id, or the SHA-256 of a claim-checked patch or file list. */
    private final Map<String, Stored> stored = new ConcurrentHashMap<>();
    private final LinkedHashMap<Pair, PairDiff> pairs = new LinkedHashMap<>(1024, 0.75f, true);
    private long pairBytes;
    private final LinkedHashMap<Pair, TreeDiff> trees = new LinkedHashMap<>(256, 0.75f, true);
    private long treeBytes;

    DiffMemo(BlobStore blobs, int maxBlobBytes) {
        this.writer = new BlobWriter(blobs);
        this.maxBlobBytes = maxBlobBytes;
    }

    Facts facts(ObjectId id) {
        return facts.get(id);
    }

    Facts learn(ObjectId id, Facts f) {
        if (facts.size() >= MAX_BLOBS) {
            facts.clear();
        }
        facts.put(id, f);
        return f;
    }

    /** Whether a text blob's body goes to the blob store (storing on, and the blob not too large). */
    boolean storable(Facts f) {
        return maxBlobBytes > 0 && f.size() <= maxBlobBytes;
    }

    /** The reference of a blob already handed to the writer (its write, if under way, to {@code pending}). */
    BlobRef stored(ObjectId id, Consumer<CompletableFuture<Void>> pending) {
        Stored s = stored.get(id.name());
        return s == null ? null : waitFor(s, pending);
    }

    /** Hands a blob's body to the writer once per scrape; the write, while under way, goes to {@code pending}. */
    BlobRef store(ObjectId id, byte[] content, Consumer<CompletableFuture<Void>> pending) {
        return store(id.name(), content, pending);
    }

    /** Claim-checks content (a large patch, a file list) under its SHA-256, written like a body. */
    BlobRef claimCheck(byte[] content, Consumer<CompletableFuture<Void>> pending) {
        return store(BlobStore.sha256(content), content, pending);
    }

    private BlobRef store(String id, byte[] content, Consumer<CompletableFuture<Void>> pending) {
        if (stored.size() >= MAX_BLOBS) {
            stored.clear();
        }
        Stored s = stored.computeIfAbsent(id, k -> new Stored(new BlobRef(k, content.length),
                writer.write(k, content)));
        return waitFor(s, pending);
    }

    private static BlobRef waitFor(Stored s, Consumer<CompletableFuture<Void>> pending) {
        if (!s.written().isDone()) {
            pending.accept(s.written());
        }
        return s.ref();
    }

    synchronized TreeDiff treeDiff(ObjectId parentTree, ObjectId tree) {
        return trees.get(new Pair(parentTree == null ? ObjectId.zeroId() : parentTree, tree));
    }

    synchronized void rememberTreeDiff(ObjectId parentTree, ObjectId tree, List<FileChange> files,
                                       List<CompletableFuture<Void>> writes) {
        TreeDiff diff = new TreeDiff(files, writes);
        Pair key = new Pair(parentTree == null ? ObjectId.zeroId() : parentTree.copy(), tree.copy());
        TreeDiff old = trees.put(key, diff);
        treeBytes += weight(diff) - (old == null ? 0 : weight(old));
        var eldest = trees.entrySet().iterator();
        while (treeBytes > PAIR_BYTES && eldest.hasNext()) {
            treeBytes -= weight(eldest.next().getValue());
            eldest.remove();
        }
    }

    private static long weight(TreeDiff diff) {
        long bytes = 64;
        for (FileChange f : diff.files()) {
            bytes += 256 + (f.patch() == null ? 0 : 2L * f.patch().length());
        }
        return bytes;
    }

    @Override
    public void close() {
        writer.close();
    }

    synchronized PairDiff pair(ObjectId a, ObjectId b) {
        return pairs.get(new Pair(a, b));
    }

    synchronized void remember(ObjectId a, ObjectId b, PairDiff diff) {
        PairDiff old = pairs.put(new Pair(a, b), diff);
        pairBytes += diff.hunks().length + 64 - (old == null ? 0 : old.hunks().length + 64);
        var eldest = pairs.entrySet().iterator();
        while (pairBytes > PAIR_BYTES && eldest.hasNext()) {
            pairBytes -= eldest.next().getValue().hunks().length + 64;
            eldest.remove();
        }
    }
}
