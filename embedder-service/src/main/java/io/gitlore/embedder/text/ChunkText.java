package io.gitlore.embedder.text;

import io.gitlore.contracts.chunk.ChunkRecord;

/**
 * The text a chunk is embedded and BM25-indexed as: one header line (path, kind, qualified name) and the chunk's
 * code after redaction. The commit subject is deliberately left out: it is metadata, and the retrieval benchmark
 * uses subjects as queries, which it would otherwise leak into the documents.
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
        return sb.append('\n').append(code).toString();
    }
}
