package io.gitlore.embedder.service;

import java.util.LinkedHashMap;
import java.util.Map;

import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.store.VectorPoint;

/**
 * Turns a planned point into the point stored before its vector (text and payload, flagged as owed a vector), and
 * such a stored point, found again after a restart, back into a planned point to embed.
 */
final class TextOnlyPoints {

    private TextOnlyPoints() {
    }

    static VectorPoint stored(PointPlanner.Planned point) {
        Map<String, Object> m = new LinkedHashMap<>(point.metadata());
        m.put(Payloads.VECTOR_PENDING, true);
        return new VectorPoint(point.id(), null, point.text(), m);
    }

    static PointPlanner.Planned recovered(PointHit hit) {
        Map<String, Object> m = new LinkedHashMap<>(hit.metadata());
        m.remove(Payloads.VECTOR_PENDING);
        // The near-duplicate key is not stored: a recovered change is embedded on its own (or found in the cache).
        return new PointPlanner.Planned(hit.id(), hit.content(), m, null, Payloads.CURRENT.equals(m.get(Payloads.ROLE)));
    }
}
