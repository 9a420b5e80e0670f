package io.gitlore.gateway.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.search.SearchHit;
import io.gitlore.contracts.search.UnitChange;
import io.gitlore.contracts.search.UnitStatus;
import org.junit.jupiter.api.Test;

/**
 * A unit's first appearance is the embedder's {@code firstChange}; from an embedder without it, known only when the
 * hit lists all its changes, otherwise the heading says so.
 */
class ContextServiceTest {

    private static UnitChange change(String commit, String day) {
        return new UnitChange(commit, Instant.parse(day + "T00:00:00Z"), "Ana", "work on " + commit, "refactor",
                null, false);
    }

    private static SearchHit hit(int changes, UnitChange first, UnitChange... listed) {
        return new SearchHit("u", 0.5, "fn f() {}", null, UnitStatus.HISTORY, "src/f.rs", "f", "function", "rust",
                null, null, 0, List.of(listed), changes, first);
    }

    @Test
    void theFirstAppearanceIsTheEmbeddersFirstChangeWhateverTheListedHistory() {
        SearchHit some = hit(7, change("0000", "2020-01-01"), change("bbbb", "2024-02-01"));
        assertEquals("0000", SearchHits.firstSeen(some).commit());
        assertEquals("2020-01-01T00:00:00Z", SearchHits.firstSeen(some).time().toString());
    }

    @Test
    void withoutFirstChangeTheFirstAppearanceIsTheOldestChangeOnlyWhenAllAreListed() {
        SearchHit all = hit(2, null, change("bbbb", "2024-02-01"), change("aaaa", "2023-01-01"));
        assertEquals("aaaa", SearchHits.firstSeen(all).commit());
        SearchHit some = hit(7, null, change("bbbb", "2024-02-01"), change("aaaa", "2023-01-01"));
        assertNull(SearchHits.firstSeen(some));

        List<ContextAnswer.Change> read = SearchHits.changes(some);
        ContextAnswer.Unit unit = new ContextAnswer.Unit(1, "u", "src/f.rs", "f", "function", "rust",
                UnitStatus.HISTORY, null, null, 0.5, false, null, read.subList(0, 1), 7, "embedder", 0, List.of(),
                List.of(), false, false, 0);
        String heading = ContextService.heading(unit, read);
        assertTrue(heading.contains("not in the indexed snapshot"), heading);
        assertTrue(heading.contains("First appeared: before 2023-01-01 (the 2 latest of its 7 changes were read)"),
                heading);
        assertTrue(heading.contains("Latest changes to this unit (1 of 7):\n- bbbb 2024-02-01 Ana: work on bbbb"),
                heading);
    }
}
