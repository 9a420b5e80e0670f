package io.gitlore.embedder.text;

import io.gitlore.contracts.chunk.ChunkRecord;

/**
 * The text a chunk is embedded and BM25-indexed as: one header line (path, kind, qualified name); for a modified
 * unit, the lines its commit removed and added (what makes this version of the unit differ from its other versions
 * in the history, and what a question about the change is about); then the unit's code after redaction. The commit
 * subject is deliberately left out: it is metadata, and the retrieval benchmark uses subjects as queries, which it
 * would otherwise leak into the documents.
 */
public final class ChunkText {

    private ChunkText() {
    }

    public static String of(ChunkRecord chunk, String code) {
        String name = chunk.qualifiedName() != null && !chunk.qualifiedName().isBlank() ? chunk.qualifiedName()
                : chunk.name();
        StringBuilder sb = new StringBuilder(code.length() + 96);
        sb.append(chunk.path()).append(" · ").append(chunk.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (name != null && !name.isBlank()) {
            sb.append(' ').append(name);
        }
        sb.append('\n');
        String changed = changedLines(chunk);
        if (!changed.isEmpty()) {
            sb.append(changed).append("\n");
        }
        return sb.append(code).toString();
    }

    /** The +/- lines of the unit's hunks, for units that existed before and after (new units' code is the change). */
    static String changedLines(ChunkRecord chunk) {
        if (chunk.snapshot() || chunk.hunks() == null || chunk.hunks().isEmpty() || chunk.oldStartLine() <= 0
                || chunk.newCode() == null && chunk.newCodeRef() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String hunk : chunk.hunks()) {
            for (String line : hunk.split("\n")) {
                if ((line.startsWith("+") || line.startsWith("-")) && !line.startsWith("+++")
                        && !line.startsWith("---") && !line.substring(1).isBlank()) {
                    if (sb.length() + line.length() > MAX_CHANGED_CHARS) {
                        return sb.toString();
                    }
                    sb.append(line).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** About 300 tokens: the changed lines never crowd the code out of the model's 512. */
    private static final int MAX_CHANGED_CHARS = 1200;
}
