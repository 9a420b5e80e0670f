package io.gitlore.contracts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.serde.Json;
import org.junit.jupiter.api.Test;

/** The search request and response as the embedder answers and the gateway reads them. */
class SearchContractsTest {

    @Test
    void aRequestTakesTheQueryAsQueryOrQ() {
        SearchRequest q = Json.read(bytes("{\"repository\":\"r\",\"q\":\"where is the config parsed\",\"k\":3}"),
                SearchRequest.class);
        assertEquals("where is the config parsed", q.query());
        assertEquals(3, q.k());
        SearchRequest query = Json.read(bytes("{\"repository\":\"r\",\"query\":\"x\",\"history\":0,"
                + "\"since\":\"2024-01-31T00:00:00Z\",\"unknown\":1}"), SearchRequest.class);
        assertEquals("x", query.query());
        assertEquals(0, query.history());
        assertEquals(Instant.parse("2024-01-31T00:00:00Z"), query.since());
        assertEquals(SearchRequest.of("r", "x", 5), Json.read(Json.write(SearchRequest.of("r", "x", 5)),
                SearchRequest.class));
    }

    @Test
    void aResponseRoundTripsWithUnitStatusInLowerCaseAndHistory() {
        UnitChange first = new UnitChange("a0", Instant.parse("2023-05-01T10:00:00Z"), "bo", "Add parse",
                "new_function", "src/old.rs", false);
        SearchHit hit = new SearchHit("u1", 0.03, "fn parse() {}", Map.of("path", "src/parse.rs"),
                UnitStatus.CURRENT, "src/parse.rs", "crate::parse", "function", "rust", 3, 9, 1,
                List.of(new UnitChange("abc", Instant.parse("2024-02-01T10:00:00Z"), "ada", "Fix parse",
                        "bug_fix", "src/old.rs", true)), 4, first);
        SearchResponse response = new SearchResponse("r", "parse", "hybrid", "lucene", 12, List.of(hit));
        String json = new String(Json.write(response), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"status\":\"current\""), json);
        assertTrue(json.contains("\"pathThen\":\"src/old.rs\""), json);
        assertTrue(json.contains("\"firstChange\":{\"commit\":\"a0\""), json);
        assertEquals(response, Json.read(Json.write(response), SearchResponse.class));
        SearchHit deleted = new SearchHit("u2", 0.01, "fn gone() {}", Map.of(), UnitStatus.DELETED, "src/a.rs",
                "crate::gone", "function", "rust", null, null, 0, List.of(), 1, null);
        String deletedJson = new String(Json.write(deleted), StandardCharsets.UTF_8);
        assertTrue(deletedJson.contains("\"status\":\"deleted\""), deletedJson);
        assertFalse(deletedJson.contains("startLine"), "no line numbers for a unit that is not current");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
