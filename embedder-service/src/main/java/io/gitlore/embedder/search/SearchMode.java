package io.gitlore.embedder.search;

import java.util.Locale;

/** Which retrievers answer a search: both fused by reciprocal rank (default), the vectors alone, or BM25 alone. */
public enum SearchMode {
    HYBRID, VECTOR, BM25;

    public static SearchMode parse(String value) {
        if (value == null || value.isBlank()) {
            return HYBRID;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be hybrid, vector or bm25, not '" + value + "'");
        }
    }
}
