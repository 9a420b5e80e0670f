package io.gitlore.embedder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import io.gitlore.embedder.store.PointHit;
import org.junit.jupiter.api.Test;

class RetrieverTest {

    @Test
    void reciprocalRankFusionRewardsAgreement() {
        List<PointHit> vector = List.of(hit("x"), hit("y"), hit("z"));
        List<PointHit> bm25 = List.of(hit("y"), hit("w"));
        List<PointHit> fused = Retriever.fuse(List.of(vector, bm25), 60, 3);
        assertEquals(List.of("y", "x", "w"), fused.stream().map(PointHit::id).toList());
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

    private static PointHit hit(String id) {
        return new PointHit(id, 0, id, Map.of());
    }
}
