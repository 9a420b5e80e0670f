package io.gitlore.embedder.store;

import java.util.Map;

/**
 * One point of a repository's collection: a deterministic id (see {@link PointIds}), the unit vector, the embedded
 * text and its metadata (see {@link Payloads}).
 */
public record VectorPoint(String id, float[] vector, String content, Map<String, Object> metadata) {
}
