package io.gitlore.embedder.text;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;

/**
 * A code unit's identity across the chunk records that show it: its path and qualified name, without the
 * {@code " [i/n]"} the chunker appends to the parts of a unit it split. The unit's id is a hash of the key of the
 * first version it had; a unit that moves keeps it (see the pipeline's move detection).
 */
public final class UnitKeys {

    private static final Pattern PART = Pattern.compile(" \\[(\\d+)/(\\d+)]$");

    private UnitKeys() {
    }

    /** {@code path|qualified name} of the chunk's unit (its name when it has no qualified name). */
    public static String key(ChunkRecord chunk) {
        return key(chunk.path(), name(chunk));
    }

    public static String key(String path, String qualifiedName) {
        return path + "|" + (qualifiedName == null ? "" : qualifiedName);
    }

    /** The unit's qualified name (or name) without a split part's suffix. */
    public static String name(ChunkRecord chunk) {
        String name = chunk.qualifiedName() != null && !chunk.qualifiedName().isBlank() ? chunk.qualifiedName()
                : chunk.name();
        return name == null ? null : PART.matcher(name).replaceFirst("");
    }

    /** The 1-based index of the chunker's part ({@code " [2/5]"} → 2), or 0 for a whole unit. */
    public static int chunkerPart(ChunkRecord chunk) {
        String name = chunk.qualifiedName() != null ? chunk.qualifiedName() : chunk.name();
        if (name == null) {
            return 0;
        }
        Matcher m = PART.matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * The chunk of the {@code occurrence}-th (from 2) unit of a snapshot file with the same qualified name (two trait
     * impls of one type can give two methods one name): its name gets {@code #occurrence} before any part suffix, so
     * it is a unit of its own, the same one on every run.
     */
    public static ChunkRecord nthOfName(ChunkRecord chunk, int occurrence) {
        String name = chunk.qualifiedName() != null && !chunk.qualifiedName().isBlank() ? chunk.qualifiedName()
                : chunk.name() == null ? "" : chunk.name();
        Matcher m = PART.matcher(name);
        String renamed = m.find() ? name.substring(0, m.start()) + "#" + occurrence + m.group()
                : name + "#" + occurrence;
        return chunk.toBuilder().qualifiedName(renamed).build();
    }

    /** The id of a unit first seen under {@code key}. */
    public static String id(String key) {
        return BlobStore.sha256(("unit|" + key).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
