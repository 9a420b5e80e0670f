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
        // Text key of a near-duplicate change → the text key whose vector it shares (embedded in this batch).
        Map<String, String> sharing = new HashMap<>();
        Map<String, String> nearInBatch = new HashMap<>();
        for (PointPlanner.Planned p : planned) {
            String key = VectorCache.key(model + p.text());
            if (vectors.containsKey(key) || missing.containsKey(key) || sharing.containsKey(key)) {
                job.reused++;
                continue;
            }
            String near = near(model, p);
            float[] cached = cache.get(key);
            if (cached != null) {
                job.reused++;
                vectors.put(key, cached);
            } else if (near != null && (cached = cache.get(near)) != null) {
                job.nearDuplicates++;
                vectors.put(key, cached);
            } else if (near != null && nearInBatch.containsKey(near)) {
                job.nearDuplicates++;
                sharing.put(key, nearInBatch.get(near));
            } else {
                missing.put(key, p.text());
                if (near != null) {
                    nearInBatch.put(near, key);
                }
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
        sharing.forEach((key, source) -> vectors.put(key, vectors.get(source)));
        List<VectorPoint> points = new ArrayList<>(planned.size());
        for (PointPlanner.Planned p : planned) {
            float[] vector = vectors.get(VectorCache.key(model + p.text()));
            String near = near(model, p);
            if (near != null) {
                cache.put(near, vector);
            }
            points.add(new VectorPoint(p.id(), vector, p.text(), p.metadata()));
        }
        return points;
    }

    /** The cache key near-duplicates of this change share, or {@code null} (a current version, or skipping is off). */
    private String near(String model, PointPlanner.Planned p) {
        return p.nearKey() != null && skipNearDuplicates ? VectorCache.key(model + "near\n" + p.nearKey()) : null;
    }

    /** Vectors of a backfill batch, each job's group counted as that job's work. */
    Map<PendingVectors.Entry, VectorPoint> of(Map<JobStats, List<PendingVectors.Entry>> batch) {
        Map<PendingVectors.Entry, VectorPoint> points = new LinkedHashMap<>();
        for (Map.Entry<JobStats, List<PendingVectors.Entry>> group : batch.entrySet()) {
            List<PendingVectors.Entry> items = group.getValue();
            List<VectorPoint> embedded = of(items.stream().map(e -> e.point).toList(), group.getKey());
            for (int i = 0; i < items.size(); i++) {
                points.put(items.get(i), embedded.get(i));
            }
        }
        return points;
    }
}
