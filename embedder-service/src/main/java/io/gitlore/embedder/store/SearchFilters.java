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

    /** The path prefix as stored: no leading "./" or "/", no trailing slash. */
    public String normalizedPathPrefix() {
        return pathPrefix == null ? null : Payloads.normalizePath(pathPrefix);
    }
}
