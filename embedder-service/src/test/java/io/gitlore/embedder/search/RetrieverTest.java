package io.gitlore.embedder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import io.gitlore.embedder.store.SearchHit;
import org.junit.jupiter.api.Test;

class RetrieverTest {

    @Test
    void reciprocalRankFusionRewardsAgreement() {
        List<SearchHit> vector = List.of(hit("x"), hit("y"), hit("z"));
        List<SearchHit> bm25 = List.of(hit("y"), hit("w"));
        List<SearchHit> fused = Retriever.fuse(List.of(vector, bm25), 60, 3);
        assertEquals(List.of("y", "x", "w"), fused.stream().map(SearchHit::id).toList());
        assertEquals(1.0 / 62 + 1.0 / 61, fused.get(0).score(), 1e-12);
        assertEquals(1.0 / 61, fused.get(1).score(), 1e-12);
    }

    @Test
    void modesParseAndRejectNonsense() {
        assertEquals(SearchMode.HYBRID, SearchMode.parse(null));
        assertEquals(SearchMode.BM25, SearchMode.parse("bm25"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchMode.parse("magic"));
        assertEquals("mode must be hybrid, vector or bm25, not 'magic'", e.getMessage());
    }

    private static SearchHit hit(String id) {
        return new SearchHit(id, 0, id, Map.of());
    }
}
