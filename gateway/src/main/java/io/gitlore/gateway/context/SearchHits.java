package io.gitlore.gateway.context;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.search.SearchHit;
import io.gitlore.contracts.search.SearchResponse;
import io.gitlore.contracts.search.UnitChange;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.context.ContextAnswer.Change;
import io.gitlore.gateway.service.StageUnavailableException;

/**
 * Reads the embedder's search answer (the contracts' {@link SearchResponse}: one hit per code unit, with its status
 * and the commits that changed it, newest first) and what the context needs of a hit: its changes as
 * {@link Change}s, and when the unit first appeared.
 */
final class SearchHits {

    private SearchHits() {
    }

    /** The hits of {@code answer}; an answer that is not a search answer is the embedder failing (503). */
    static List<SearchHit> read(JsonNode answer) {
        SearchResponse response;
        try {
            response = Json.MAPPER.treeToValue(answer, SearchResponse.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StageUnavailableException("embedder-service answered a search that is not a SearchResponse: "
                    + e.getMessage(), e);
        }
        if (response == null || response.hits() == null) {
            throw new StageUnavailableException("embedder-service answered a search without hits", null);
        }
        return response.hits().stream().filter(hit -> hit != null && hit.path() != null).toList();
    }

    static List<Change> changes(SearchHit hit) {
        return hit.history() == null ? List.of() : hit.history().stream().map(SearchHits::change).toList();
    }

    /**
     * The unit's oldest change (its first appearance in the index): the embedder's {@code firstChange}, or, from an
     * embedder without that field, the last listed change when the hit lists every one of its changes.
     */
    static Change firstSeen(SearchHit hit) {
        if (hit.firstChange() != null) {
            return change(hit.firstChange());
        }
        List<UnitChange> history = hit.history() == null ? List.of() : hit.history();
        return history.isEmpty() || history.size() < hit.changes() ? null : change(history.get(history.size() - 1));
    }

    private static Change change(UnitChange c) {
        return new Change(c.commit(), c.time(), c.author(), c.subject(), c.changeType(), c.pathThen());
    }
}
