package io.gitlore.scraper.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.scraper.xdiff.GitDiff;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.QuotedString;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Computes one changed file's diff and yields everything the scraper needs from it: whether it is binary or not
 * UTF-8, the line counts, the git-identical patch, and both bodies' blob-store references.
 *
 * <p>JGit is used for the tree walk and rename detection ({@link #scan}); blobs are loaded here (JGit's loader
 * scans every byte of every body twice for binary content, while git, and so gitlore, calls a file binary when its
 * first 8,000 bytes hold a NUL), and the line diff and its hunks are git's own ({@link GitDiff}). What a blob or a
 * blob pair yields is kept in the scrape's {@link DiffMemo}, so a change seen before costs no reads and no diff.
 */
final class CapturingDiffFormatter extends DiffFormatter {

    /** Bytes git inspects for a NUL to call a file binary (xdiff's FIRST_FEW_BYTES). */
    static final int BINARY_PROBE = 8000;

    /** One file's diff; the blob references are {@code null} for an absent, binary or too large side. */
    record Captured(boolean binary, boolean nonUtf8, int insertions, int deletions, byte[] patch, BlobRef oldBlob,
                    BlobRef newBlob) {
    }

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private final ByteArrayOutputStream hunks = new ByteArrayOutputStream(1 << 16);
    private final DiffMemo memo;
    /** Blob-store writes the current commit's records refer to that were still under way. */
    private final List<CompletableFuture<Void>> writes = new ArrayList<>();
    private ObjectReader reader;
    private int bigFileThreshold = 16 << 20;

    CapturingDiffFormatter(DiffMemo memo) {
        super(DisabledOutputStream.INSTANCE);
        this.memo = memo;
    }

    @Override
    public void setReader(ObjectReader reader, org.eclipse.jgit.lib.Config config) {
        super.setReader(reader, config);
        this.reader = reader;
    }

    @Override
    public void setBinaryFileThreshold(int threshold) {
        super.setBinaryFileThreshold(threshold);
        this.bigFileThreshold = threshold;
    }

    /** Claim-checks a large patch or file list of the current commit (written on the I/O threads). */
    BlobRef claimCheck(byte[] content) {
        return memo.claimCheck(content, writes::add);
    }

    DiffMemo memo() {
        return memo;
    }

    /** The writes under way that the current commit refers to so far. */
    List<CompletableFuture<Void>> pendingWrites() {
        return List.copyOf(writes);
    }

    /** Makes the current commit wait for writes another commit started (when it reuses that commit's files). */
    void awaitWrites(List<CompletableFuture<Void>> others) {
        for (CompletableFuture<Void> w : others) {
            if (!w.isDone()) {
                writes.add(w);
            }
        }
    }

    /** The writes the commit diffed since the last call refers to; its record waits for them before it is sent. */
    List<CompletableFuture<Void>> takeWrites() {
        List<CompletableFuture<Void>> taken = List.copyOf(writes);
        writes.clear();
        return taken;
    }

    /** The tree diff and its renames, reading both trees once (JGit's scan by id parses each tree twice). */
    List<DiffEntry> scanTrees(ObjectId parentTree, ObjectId tree) throws IOException {
        AbstractTreeIterator a = parentTree == null ? new EmptyTreeIterator()
                : new CanonicalTreeParser(null, reader, parentTree);
        return scan(a, new CanonicalTreeParser(null, reader, tree));
    }

    Captured capture(DiffEntry entry) throws IOException {
        buffer.reset();
        ChangeSide a = new ChangeSide(entry, DiffEntry.Side.OLD, reader, memo, bigFileThreshold);
        ChangeSide b = new ChangeSide(entry, DiffEntry.Side.NEW, reader, memo, bigFileThreshold);
        header(entry);
        if (a.binary() || b.binary()) {
            a.facts(null);
            b.facts(null);
            if (!entry.getOldId().equals(entry.getNewId())) {
                write("Binary files " + path("a/", entry, DiffEntry.Side.OLD) + " and "
                        + path("b/", entry, DiffEntry.Side.NEW) + " differ\n");
            }
            return new Captured(true, false, 0, 0, buffer.toByteArray(), null, null);
        }
        boolean cacheable = !a.submodule && !b.submodule;
        DiffMemo.PairDiff diff = cacheable ? memo.pair(a.key(), b.key()) : null;
        Boolean asciiA = null;
        Boolean asciiB = null;
        if (diff == null) {
            GitDiff lines = GitDiff.of(a.content(), b.content());
            asciiA = lines.asciiOld();
            asciiB = lines.asciiNew();
            hunks.reset();
            lines.writeHunks(hunks);
            diff = new DiffMemo.PairDiff(lines.insertions(), lines.deletions(), hunks.toByteArray());
            if (cacheable) {
                memo.remember(a.key(), b.key(), diff);
            }
        }
        if (diff.hunks().length > 0) {
            write("--- " + path("a/", entry, DiffEntry.Side.OLD) + "\n");
            write("+++ " + path("b/", entry, DiffEntry.Side.NEW) + "\n");
            buffer.writeBytes(diff.hunks());
        }
        boolean nonUtf8 = !a.facts(asciiA).utf8() || !b.facts(asciiB).utf8();
        return new Captured(false, nonUtf8, diff.insertions(), diff.deletions(), buffer.toByteArray(),
                a.store(writes::add), b.store(writes::add));
    }

    static boolean hasNul(byte[] content) {
        int end = Math.min(content.length, BINARY_PROBE);
        for (int i = 0; i < end; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The extended header lines exactly as {@code git diff} writes them. */
    private void header(DiffEntry entry) throws IOException {
        DiffEntry.ChangeType type = entry.getChangeType();
        String oldPath = type == DiffEntry.ChangeType.ADD ? entry.getNewPath() : entry.getOldPath();
        String newPath = type == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
        StringBuilder h = new StringBuilder(128).append("diff --git ")
                .append(QuotedString.GIT_PATH.quote("a/" + oldPath)).append(' ')
                .append(QuotedString.GIT_PATH.quote("b/" + newPath)).append('\n');
        switch (type) {
            case ADD -> h.append("new file mode ").append(mode(entry.getNewMode())).append('\n');
            case DELETE -> h.append("deleted file mode ").append(mode(entry.getOldMode())).append('\n');
            case RENAME, COPY -> {
                String verb = type == DiffEntry.ChangeType.RENAME ? "rename" : "copy";
                h.append("similarity index ").append(entry.getScore()).append("%\n")
                        .append(verb).append(" from ").append(QuotedString.GIT_PATH.quote(entry.getOldPath()))
                        .append('\n').append(verb).append(" to ")
                        .append(QuotedString.GIT_PATH.quote(entry.getNewPath())).append('\n');
            }
            default -> {
            }
        }
        boolean modeChanged = type != DiffEntry.ChangeType.ADD && type != DiffEntry.ChangeType.DELETE
                && !entry.getOldMode().equals(entry.getNewMode());
        if (modeChanged) {
            h.append("old mode ").append(mode(entry.getOldMode())).append("\nnew mode ")
                    .append(mode(entry.getNewMode())).append('\n');
        }
        if (!entry.getOldId().equals(entry.getNewId())) {
            h.append("index ").append(abbreviate(entry.getOldId())).append("..")
                    .append(abbreviate(entry.getNewId()));
            if (type != DiffEntry.ChangeType.ADD && type != DiffEntry.ChangeType.DELETE && !modeChanged) {
                h.append(' ').append(mode(entry.getNewMode()));
            }
            h.append('\n');
        }
        write(h.toString());
    }

    private static String abbreviate(AbbreviatedObjectId id) {
        return id.name().substring(0, Math.min(7, id.name().length()));
    }

    private static String mode(FileMode mode) {
        return Integer.toOctalString(mode.getBits());
    }

    private static String path(String prefix, DiffEntry entry, DiffEntry.Side side) {
        boolean absent = side == DiffEntry.Side.OLD && entry.getChangeType() == DiffEntry.ChangeType.ADD
                || side == DiffEntry.Side.NEW && entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        return absent ? "/dev/null" : QuotedString.GIT_PATH.quote(prefix + entry.getPath(side));
    }

    private void write(String text) {
        buffer.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
