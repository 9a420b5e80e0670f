package io.gitlore.embedder.store;

import java.util.Map;

/**
 * One point as a store returns it: its id, the score of the retriever that found it (0 for lookups), and the stored
 * content and metadata. Search groups these into code units.
 */
public record PointHit(String id, double score, String content, Map<String, Object> metadata) {

    public PointHit withScore(double newScore) {
        return new PointHit(id, newScore, content, metadata);
    }

    /** A metadata value as a string, or {@code null}. */
    public String text(String key) {
        Object v = metadata.get(key);
        return v == null ? null : v.toString();
    }

    /** A metadata value as a number, or {@code fallback}. */
    public long number(String key, long fallback) {
        return metadata.get(key) instanceof Number n ? n.longValue() : fallback;
    }
}
