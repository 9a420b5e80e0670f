package io.gitlore.scraper.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.util.QuotedString;

/**
 * Computes one changed file's diff once and yields everything the scraper needs from it: both bodies, the edit list
 * (for insertions/deletions) and the git-style unified patch.
 *
 * <p>It loads blobs itself instead of going through {@link DiffFormatter#format(DiffEntry)}: JGit's loader scans
 * every byte of every body twice for binary content (the top of the profile on a real history), while git, and so
 * gitlore, calls a file binary when its first 8,000 bytes hold a NUL.
 */
final class CapturingDiffFormatter extends DiffFormatter {

    /** Bytes git inspects for a NUL to call a file binary (xdiff's FIRST_FEW_BYTES). */
    static final int BINARY_PROBE = 8000;

    private static final byte[] EMPTY = new byte[0];

    /** One file's diff. {@code a}/{@code b} are null when that side is absent, too large or binary. */
    record Captured(boolean binary, byte[] a, byte[] b, EditList edits, byte[] patch) {
    }

    private final ByteArrayOutputStream buffer;
    private final DiffAlgorithm algorithm = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM);
    private ObjectReader reader;
    private LinedText preimage;
    private int bigFileThreshold = 16 << 20;

    CapturingDiffFormatter() {
        this(new ByteArrayOutputStream(1 << 16));
    }

    private CapturingDiffFormatter(ByteArrayOutputStream buffer) {
        super(buffer);
        this.buffer = buffer;
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

    Captured capture(DiffEntry entry) throws IOException {
        buffer.reset();
        byte[] a = load(entry, DiffEntry.Side.OLD);
        byte[] b = load(entry, DiffEntry.Side.NEW);
        boolean binary = a == null || b == null || hasNul(a) || hasNul(b);
        header(entry);
        EditList edits = new EditList();
        if (binary) {
            if (!entry.getOldId().equals(entry.getNewId())) {
                write("Binary files " + path("a/", entry, DiffEntry.Side.OLD) + " and "
                        + path("b/", entry, DiffEntry.Side.NEW) + " differ\n");
            }
            return new Captured(true, null, null, edits, buffer.toByteArray());
        }
        LinedText oldText = new LinedText(a);
        RawText newText = new RawText(b);
        edits = algorithm.diff(RawTextComparator.DEFAULT, oldText, newText);
        if (!edits.isEmpty()) {
            write("--- " + path("a/", entry, DiffEntry.Side.OLD) + "\n");
            write("+++ " + path("b/", entry, DiffEntry.Side.NEW) + "\n");
            preimage = oldText;
            format(edits, oldText, newText);
            flush();
            preimage = null;
        }
        return new Captured(false, a, b, edits, buffer.toByteArray());
    }

    /** A {@link RawText} that tells where its lines start (its line map is otherwise private to JGit). */
    private static final class LinedText extends RawText {
        LinedText(byte[] content) {
            super(content);
        }

        /** Offset of 0-based {@code line}; for the line after the last, the content length. */
        int lineStart(int line) {
            return lines.get(line + 1);
        }
    }

    /** Adds git's default function context to each hunk header ({@code @@ -9,5 +9,5 @@ pub fn parse(...)}). */
    @Override
    protected void writeHunkHeader(int aStartLine, int aEndLine, int bStartLine, int bEndLine, String funcName)
            throws IOException {
        super.writeHunkHeader(aStartLine, aEndLine, bStartLine, bEndLine,
                funcName != null ? funcName : functionContext(aStartLine));
    }

    /**
     * git's default {@code funcname}: the nearest line above the hunk that starts with a letter, '_' or '$', cut to
     * 80 bytes with trailing white space removed ({@code def_ff} in xdiff).
     */
    private String functionContext(int hunkStart) {
        if (preimage == null) {
            return null;
        }
        byte[] raw = preimage.getRawContent();
        for (int line = hunkStart - 1; line >= 0; line--) {
            int start = preimage.lineStart(line);
            int end = preimage.lineStart(line + 1);
            if (start >= end) {
                continue;
            }
            byte first = raw[start];
            if (first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_' || first == '$') {
                int len = Math.min(end - start, 80);
                while (len > 0 && Character.isWhitespace(raw[start + len - 1])) {
                    len--;
                }
                return new String(raw, start, len, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private byte[] load(DiffEntry entry, DiffEntry.Side side) throws IOException {
        if (side == DiffEntry.Side.OLD && entry.getChangeType() == DiffEntry.ChangeType.ADD
                || side == DiffEntry.Side.NEW && entry.getChangeType() == DiffEntry.ChangeType.DELETE) {
            return EMPTY;
        }
        AbbreviatedObjectId id = entry.getId(side);
        if (entry.getMode(side) == FileMode.GITLINK) {
            return ("Subproject commit " + id.name() + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        ObjectLoader loader = reader.open(id.toObjectId(), Constants.OBJ_BLOB);
        if (loader.getSize() > bigFileThreshold) {
            return null;
        }
        return loader.getCachedBytes(bigFileThreshold);
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
