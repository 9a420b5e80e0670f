package io.gitlore.embedder.store;

import java.time.Instant;

/**
 * Conditions every search result must meet; {@code null} fields do not filter. {@code pathPrefix} matches whole path
 * segments: {@code crates/core} matches {@code crates/core/src/lib.rs} but not {@code crates/core2/…}, the same on
 * every store (Qdrant has no prefix match, so each point carries its directory prefixes).
 */
public record SearchFilters(String pathPrefix, String language, String kind, String changeType, String author,
                            Instant since, Instant until, String commit) {

    public static final SearchFilters NONE = new SearchFilters(null, null, null, null, null, null, null, null);

    public boolean isEmpty() {
        return this.equals(NONE);
    }

    /** The exact-match conditions as metadata key → value, in a fixed order; time is separate (a range). */
    public java.util.Map<String, String> keywordConditions() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        put(m, Payloads.PATH_PREFIXES, normalizedPathPrefix());
        put(m, Payloads.LANGUAGE, language);
        put(m, Payloads.KIND, kind);
        put(m, Payloads.CHANGE_TYPE, changeType);
        put(m, Payloads.AUTHOR, author);
        put(m, Payloads.COMMIT, commit);
        return m;
    }

    private static void put(java.util.Map<String, String> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }

    /** The path prefix as stored: no leading "./" or "/", no trailing slash. */
    public String normalizedPathPrefix() {
        return pathPrefix == null ? null : Payloads.normalizePath(pathPrefix);
    }
}
