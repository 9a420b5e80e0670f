package io.gitlore.contracts.search;

import java.util.List;

/** The code units one search found, best first, with the mode and store that produced them and the time taken. */
public record SearchResponse(String repository, String query, String mode, String store, long tookMillis,
                             List<SearchHit> hits) {
}
