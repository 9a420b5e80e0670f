package io.gitlore.embedder.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.search.SearchHit;
import io.gitlore.contracts.search.UnitChange;
import io.gitlore.contracts.search.UnitStatus;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.text.ChunkText;

/**
 * Assembles one search hit from all the points of a code unit: the current code from its current parts in order
 * (with today's line range), else the last version before its deletion (with no line range), and its history, the
 * commits that changed it, newest first, one entry per commit, naming a path only where it differed.
 */
final class UnitHits {

    /** Units of points stored before unit ids existed are the points themselves. */
    static final String POINT_PREFIX = "point:";

    private UnitHits() {
    }

    static String unitId(PointHit p) {
        String unit = p.text(Payloads.UNIT_ID);
        return unit != null ? unit : POINT_PREFIX + p.id();
    }

    static SearchHit assemble(Retriever.RankedUnit unit, List<PointHit> points, int historyLimit) {
        List<PointHit> current = new ArrayList<>();
        List<PointHit> changes = new ArrayList<>();
        for (PointHit p : points) {
            (Payloads.CHANGE.equals(p.text(Payloads.ROLE)) ? changes : current).add(p);
        }
        current.sort(Comparator.comparingLong(p -> p.number(Payloads.PART, 0)));
        changes.sort(Comparator.comparingLong((PointHit p) -> p.number(Payloads.COMMIT_INDEX, 0))
                .thenComparingLong(p -> p.number(Payloads.TIMESTAMP, 0)).reversed());
        Map<String, UnitChange> history = new LinkedHashMap<>();
        for (PointHit c : changes) {
            history.merge(c.text(Payloads.COMMIT), change(c, unit, current), (a, b) -> a.matched() ? a : b);
        }
        List<UnitChange> listed = new ArrayList<>(history.values());
        int changeCount = listed.size();
        // Read before the history is cut to the request's limit: a unit's first appearance is its oldest change.
        UnitChange oldest = listed.isEmpty() ? null : listed.get(listed.size() - 1);
        if (listed.size() > historyLimit) {
            listed = new ArrayList<>(listed.subList(0, Math.max(0, historyLimit)));
        }
        if (!current.isEmpty()) {
            PointHit first = current.get(0);
            StringBuilder code = new StringBuilder();
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            for (PointHit part : current) {
                if (code.length() > 0 && code.charAt(code.length() - 1) != '\n') {
                    code.append('\n');
                }
                // A point stored before roles existed holds its whole text as it was embedded.
                code.append(part.text(Payloads.ROLE) != null ? ChunkText.versionCode(part.content()) : part.content());
                start = Math.min(start, part.number("start_line", Long.MAX_VALUE));
                end = Math.max(end, part.number("end_line", Long.MIN_VALUE));
            }
            return hit(unit, code.toString(), first, UnitStatus.CURRENT, start == Long.MAX_VALUE ? null : (int) start,
                    end == Long.MIN_VALUE ? null : (int) end, current.size(), listed, changeCount, oldest);
        }
        PointHit last = changes.get(0);
        boolean deleted = Boolean.TRUE.equals(last.metadata().get(Payloads.DELETED));
        return hit(unit, ChunkText.changeCode(last.content()), last, deleted ? UnitStatus.DELETED : UnitStatus.HISTORY,
                null, null, 0, listed, changeCount, oldest);
    }

    private static UnitChange change(PointHit c, Retriever.RankedUnit unit, List<PointHit> current) {
        String path = c.text(Payloads.PATH);
        String now = current.isEmpty() ? null : current.get(0).text(Payloads.PATH);
        String time = c.text("time");
        return new UnitChange(c.text(Payloads.COMMIT), time == null ? null : Instant.parse(time),
                c.text(Payloads.AUTHOR), c.text("subject"), c.text(Payloads.CHANGE_TYPE),
                now != null && !now.equals(path) ? path : null, unit.matched().contains(c.id()));
    }

    private static SearchHit hit(Retriever.RankedUnit unit, String content, PointHit shown, UnitStatus status,
                                 Integer start, Integer end, int parts, List<UnitChange> history, int changes,
                                 UnitChange first) {
        Map<String, Object> metadata = new LinkedHashMap<>(shown.metadata());
        if (status != UnitStatus.CURRENT) {
            metadata.remove("start_line");
            metadata.remove("end_line");
        }
        return new SearchHit(unit.unitId(), unit.score(), content, metadata, status, shown.text(Payloads.PATH),
                shown.text("qualified_name"), shown.text(Payloads.KIND), shown.text(Payloads.LANGUAGE), start, end,
                parts, history, changes, first);
    }
}
