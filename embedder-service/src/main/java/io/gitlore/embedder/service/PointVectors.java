package io.gitlore.embedder.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.VectorPoint;

/**
 * Gives planned points their vectors at the least cost: a text embedded before (by this job, another job or another
 * commit) comes from the {@link VectorCache}; with near-duplicate skipping on, a change whose unit and changed lines
 * (whitespace aside) match an earlier change shares that change's vector; only the rest goes through the model.
 */
final class PointVectors {

    private final TextEmbedder embedder;
    private final VectorCache cache;
    private final boolean skipNearDuplicates;

    PointVectors(TextEmbedder embedder, VectorCache cache, boolean skipNearDuplicates) {
        this.embedder = embedder;
        this.cache = cache;
        this.skipNearDuplicates = skipNearDuplicates;
    }

    /**
     * Vectors for the points: a text embedded before (by this job, another job or another commit) comes from the
     * cache; a change whose unit and changed lines match an earlier change's shares its vector; the rest is embedded.
     */
    List<VectorPoint> of(List<PointPlanner.Planned> planned, JobStats job) {
        String model = embedder.spec().id() + '\n';
        Map<String, float[]> vectors = new HashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (PointPlanner.Planned p : planned) {
            String key = VectorCache.key(model + p.text());
            if (vectors.containsKey(key) || missing.containsKey(key)) {
                job.reused++;
                continue;
            }
            float[] cached = cache.get(key);
            String near = p.nearKey() != null && skipNearDuplicates
                    ? VectorCache.key(model + "near\n" + p.nearKey()) : null;
            if (cached == null && near != null && (cached = cache.get(near)) != null) {
                job.nearDuplicates++;
            } else if (cached != null) {
                job.reused++;
            }
            if (cached != null) {
                vectors.put(key, cached);
            } else {
                missing.put(key, p.text());
            }
        }
        if (!missing.isEmpty()) {
            long truncatedBefore = embedder.truncatedTexts();
            long tokensBefore = embedder.embeddedTokens();
            float[][] fresh = embedder.embedDocuments(new ArrayList<>(missing.values()));
            int i = 0;
            for (String key : missing.keySet()) {
                cache.put(key, fresh[i]);
                vectors.put(key, fresh[i++]);
            }
            job.truncated += embedder.truncatedTexts() - truncatedBefore;
            job.tokens += embedder.embeddedTokens() - tokensBefore;
            job.embedded += missing.size();
        }
        List<VectorPoint> points = new ArrayList<>(planned.size());
        for (PointPlanner.Planned p : planned) {
            float[] vector = vectors.get(VectorCache.key(model + p.text()));
            if (p.nearKey() != null && skipNearDuplicates) {
                cache.put(VectorCache.key(model + "near\n" + p.nearKey()), vector);
            }
            points.add(new VectorPoint(p.id(), vector, p.text(), p.metadata()));
        }
        return points;
    }
}
