package io.gitlore.embedder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import org.junit.jupiter.api.Test;

class RetrieverTest {

    @Test
    void pointsCollapseToUnitsAtTheRankOfTheirBestPoint() {
        List<Retriever.RankedUnit> units = Retriever.units(List.of(point("p1", "u1", 0.9), point("p2", "u2", 0.8),
                point("p3", "u1", 0.7), point("legacy", null, 0.6)));
        assertEquals(List.of("u1", "u2", "point:legacy"), units.stream().map(Retriever.RankedUnit::unitId).toList());
        assertEquals(0.9, units.get(0).score());
        assertEquals(Set.of("p1", "p3"), units.get(0).matched());
    }

    @Test
    void reciprocalRankFusionOfUnitRankingsRewardsAgreement() {
        List<Retriever.RankedUnit> vector = List.of(unit("x", "px"), unit("y", "py1"), unit("z", "pz"));
        List<Retriever.RankedUnit> bm25 = List.of(unit("y", "py2"), unit("w", "pw"));
        List<Retriever.RankedUnit> fused = Retriever.fuse(List.of(vector, bm25), 60, 3);
        assertEquals(List.of("y", "x", "w"), fused.stream().map(Retriever.RankedUnit::unitId).toList());
        assertEquals(1.0 / 62 + 1.0 / 61, fused.get(0).score(), 1e-12);
        assertEquals(1.0 / 61, fused.get(1).score(), 1e-12);
        assertEquals(Set.of("py1", "py2"), fused.get(0).matched());
    }

    @Test
    void modesParseAndRejectNonsense() {
        assertEquals(SearchMode.HYBRID, SearchMode.parse(null));
        assertEquals(SearchMode.BM25, SearchMode.parse("bm25"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchMode.parse("magic"));
        assertEquals("mode must be hybrid, vector or bm25, not 'magic'", e.getMessage());
    }

    private static Retriever.RankedUnit unit(String id, String point) {
        return new Retriever.RankedUnit(id, 0, new java.util.HashSet<>(Set.of(point)));
    }

    static PointHit point(String id, String unit, double score) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (unit != null) {
            m.put(Payloads.UNIT_ID, unit);
        }
        return new PointHit(id, score, id, m);
    }
}
