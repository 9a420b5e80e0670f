package io.gitlore.embedder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.search.SearchHit;
import io.gitlore.contracts.search.UnitChange;
import io.gitlore.contracts.search.UnitStatus;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import org.junit.jupiter.api.Test;

/** A hit is assembled from every point of its unit: current parts in order, history newest first, once per commit. */
class UnitHitsTest {

    @Test
    void aCurrentUnitShowsItsPartsInOrderWithTodaysLinesAndItsHistoryNewestFirst() {
        List<PointHit> points = List.of(
                change("c1", "aaa", 1, "src/old.rs", "Initial commit", false),
                current("v2", 1001, 31, 40, "src/new.rs · function f\n    tail();\n}"),
                change("c3", "ccc", 7, "src/new.rs", "Move f", false),
                current("v1", 1000, 20, 30, "src/new.rs · function f\nfn f() {\n    head();"),
                change("c2", "bbb", 4, "src/old.rs", "Fix f", false),
                change("c2b", "bbb", 4, "src/old.rs", "Fix f", false));
        SearchHit hit = UnitHits.assemble(new Retriever.RankedUnit("u", 0.5, new HashSet<>(Set.of("c2b"))), points,
                10);
        assertEquals(UnitStatus.CURRENT, hit.status());
        assertEquals("fn f() {\n    head();\n    tail();\n}", hit.content());
        assertEquals(20, hit.startLine());
        assertEquals(40, hit.endLine());
        assertEquals(2, hit.parts());
        assertEquals("src/new.rs", hit.path());
        assertEquals(List.of("ccc", "bbb", "aaa"), hit.history().stream().map(UnitChange::commit).toList());
        assertEquals(3, hit.changes());
        assertNull(hit.history().get(0).pathThen(), "same path as today");
        assertEquals("src/old.rs", hit.history().get(1).pathThen());
        assertTrue(hit.history().get(1).matched(), "one of the commit's two points matched");
        assertFalse(hit.history().get(2).matched());

        SearchHit capped = UnitHits.assemble(new Retriever.RankedUnit("u", 0.5, Set.of()), points, 1);
        assertEquals(1, capped.history().size());
        assertEquals(3, capped.changes());
        assertEquals("aaa", capped.firstChange().commit(), "its first appearance, beyond the listed history");
        assertEquals("src/old.rs", capped.firstChange().pathThen());
        assertEquals(hit.history().get(2), hit.firstChange());
    }

    @Test
    void aDeletedUnitShowsItsLastCodeWithoutLineNumbers() {
        List<PointHit> points = List.of(change("c1", "aaa", 1, "src/a.rs", "Add g", false),
                change("c2", "bbb", 2, "src/a.rs", "Remove g", true));
        SearchHit hit = UnitHits.assemble(new Retriever.RankedUnit("u", 1, Set.of("c1")), points, 10);
        assertEquals(UnitStatus.DELETED, hit.status());
        assertEquals("code of c2", hit.content());
        assertNull(hit.startLine());
        assertNull(hit.endLine());
        assertFalse(hit.metadata().containsKey("start_line"));
        assertEquals(List.of("bbb", "aaa"), hit.history().stream().map(UnitChange::commit).toList());
    }

    private static PointHit current(String id, int part, int start, int end, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Payloads.ROLE, Payloads.CURRENT);
        m.put(Payloads.UNIT_ID, "u");
        m.put(Payloads.PATH, "src/new.rs");
        m.put(Payloads.PART, part);
        m.put("start_line", start);
        m.put("end_line", end);
        return new PointHit(id, 0, text, m);
    }

    private static PointHit change(String id, String commit, long index, String path, String subject,
                                   boolean deleted) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Payloads.ROLE, Payloads.CHANGE);
        m.put(Payloads.UNIT_ID, "u");
        m.put(Payloads.PATH, path);
        m.put(Payloads.COMMIT, commit);
        m.put(Payloads.COMMIT_INDEX, index);
        m.put("time", "2024-01-0" + index % 9 + "T00:00:00Z");
        m.put("subject", subject);
        m.put(Payloads.DELETED, deleted);
        m.put("start_line", 99);
        return new PointHit(id, 0, path + " · function f\n" + subject + "\ncode of " + id, m);
    }
}
