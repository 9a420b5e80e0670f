package io.gitlore.embedder.rest;

import java.time.Instant;

/**
 * A search as JSON: the query, how many hits, the retrieval mode (hybrid, vector, bm25) and optional filters.
 * {@code since}/{@code until} are ISO-8601 instants.
 */
public record SearchRequest(String repository, String query, Integer k, String mode, String path, String language,
                            String kind, String changeType, String author, Instant since, Instant until,
                            String commit) {
}
