package io.gitlore.embedder.store;

import java.util.Map;

/**
 * One point of a repository's collection: a deterministic id (see {@link PointIds}), the unit vector ({@code null}
 * for a point stored with its text first, whose vector follows), the embedded text and its metadata (see
 * {@link Payloads}).
 */
public record VectorPoint(String id, float[] vector, String content, Map<String, Object> metadata) {
}
