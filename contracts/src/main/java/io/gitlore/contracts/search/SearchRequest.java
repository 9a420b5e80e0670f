package io.gitlore.contracts.search;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * A search of one repository's index ({@code POST /api/search} on the embedder, relayed by the gateway): the query
 * ({@code query}, or {@code q} as in the GET form), how many code units to return, the retrieval mode and optional
 * filters. Filters select the matching points (a unit's current code or one of its changes) before hits are grouped
 * by unit, so {@code author}, {@code changeType}, {@code commit} and {@code since}/{@code until} find the units whose
 * changes meet them.
 *
 * @param k       code units to return (1-1000, default 10)
 * @param mode    {@code hybrid}, {@code vector} or {@code bm25}; unset = the embedder's configured default
 * @param since   ISO-8601 instant: changes at or after it
 * @param until   ISO-8601 instant: changes at or before it
 * @param history most commits listed per hit, newest first (default: the embedder's setting; 0 = none)
 */
public record SearchRequest(String repository, @JsonAlias("q") String query, Integer k, String mode, String path,
                            String language, String kind, String changeType, String author, Instant since,
                            Instant until, String commit, Integer history) {

    /** The common case: a query and a number of hits, no filters. */
    public static SearchRequest of(String repository, String query, int k) {
        return new SearchRequest(repository, query, k, null, null, null, null, null, null, null, null, null, null);
    }
}
