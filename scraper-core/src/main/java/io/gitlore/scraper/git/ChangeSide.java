package io.gitlore.scraper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.gitlore.contracts.blob.BlobRef;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * One side of a file change for {@link CapturingDiffFormatter}: its blob (none when the side is absent or a
 * submodule), what the scrape's {@link DiffMemo} already knows of it, and its bytes, read only when needed.
 */
final class ChangeSide {

    private static final byte[] EMPTY = new byte[0];
    private static final DiffMemo.Facts NOTHING = new DiffMemo.Facts(false, true, 0);

    /** The blob, or {@code null} for an absent side or a submodule. */
    final ObjectId id;
    final boolean submodule;
    private final ObjectReader reader;
    private final DiffMemo memo;
    private final int bigFileThreshold;
    private DiffMemo.Facts facts;
    private byte[] content;
    private boolean tooLarge;
    private int size;

    ChangeSide(DiffEntry entry, DiffEntry.Side side, ObjectReader reader, DiffMemo memo, int bigFileThreshold) {
        this.reader = reader;
        this.memo = memo;
        this.bigFileThreshold = bigFileThreshold;
        boolean absent = side == DiffEntry.Side.OLD && entry.getChangeType() == DiffEntry.ChangeType.ADD
                || side == DiffEntry.Side.NEW && entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        submodule = !absent && entry.getMode(side) == FileMode.GITLINK;
        if (absent) {
            id = null;
            facts = NOTHING;
            content = EMPTY;
        } else if (submodule) {
            id = null;
            content = ("Subproject commit " + entry.getId(side).name() + "\n").getBytes(StandardCharsets.US_ASCII);
            facts = new DiffMemo.Facts(false, true, content.length);
        } else {
            id = entry.getId(side).toObjectId();
            facts = memo.facts(id);
        }
    }

    /** Binary as git decides it (a NUL in the first 8,000 bytes), or too large to diff. */
    boolean binary() throws IOException {
        if (facts != null) {
            return facts.binary();
        }
        content();
        return tooLarge || CapturingDiffFormatter.hasNul(content);
    }

    /** The blob's bytes, read once (empty when too large). */
    byte[] content() throws IOException {
        if (content == null) {
            ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
            long length = loader.getSize();
            size = (int) Math.min(length, Integer.MAX_VALUE);
            tooLarge = length > bigFileThreshold;
            content = tooLarge ? EMPTY : loader.getCachedBytes(bigFileThreshold);
        }
        return content;
    }

    /**
     * What is known of the blob, learnt now if it was not: {@code ascii} (from the line split, which sees every
     * byte anyway) spares the UTF-8 check of a pure-ASCII body; a binary blob needs none.
     */
    DiffMemo.Facts facts(Boolean ascii) throws IOException {
        if (facts == null) {
            boolean binary = binary();
            boolean utf8 = binary || Boolean.TRUE.equals(ascii) || Utf8.isUtf8(content);
            facts = memo.learn(id, new DiffMemo.Facts(binary, utf8, size));
        }
        return facts;
    }

    /**
     * The blob-store reference of a text blob, storing it on its first sight; {@code null} when not stored. A write
     * still under way goes to {@code pending}.
     */
    BlobRef store(Consumer<CompletableFuture<Void>> pending) throws IOException {
        if (id == null) {
            return null;
        }
        if (!memo.storable(facts(null))) {
            return null;
        }
        BlobRef ref = memo.stored(id, pending);
        return ref != null ? ref : memo.store(id, content(), pending);
    }

    /** The memo's key for this side: an absent side is the empty body. */
    ObjectId key() {
        return id != null ? id : ObjectId.zeroId();
    }
}
