package io.gitlore.embedder.rest;

import java.util.List;

import io.gitlore.embedder.store.SearchHit;

/** The hits of one search, best first, with the mode and store that produced them and the time taken. */
public record SearchResponse(String repository, String query, String mode, String store, long tookMillis,
                             List<SearchHit> hits) {
}
