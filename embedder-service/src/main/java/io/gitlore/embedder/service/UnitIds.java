package io.gitlore.embedder.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.store.VectorStore;
import io.gitlore.embedder.text.ChunkText;
import io.gitlore.embedder.text.UnitKeys;

/**
 * Finds the unit id of each chunk of a batch with its job's {@link Lineages} and, for keys the job has not seen,
 * the points the index already holds: a unit keeps its id across jobs and re-runs.
 */
final class UnitIds {

    private final VectorStore store;

    UnitIds(VectorStore store) {
        this.store = store;
    }

    /**
     * The unit id of every item's key: this job's, else the one the index's points carry, else a new one; a deleted
     * unit under a new key takes the id of the unit whose latest version had its code.
     */
    Map<String, String> resolve(String repositoryId, List<JobStats> jobs, List<ChunkRecord> chunks) {
        Map<JobStats, List<String>> byJob = new LinkedHashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            byJob.computeIfAbsent(jobs.get(i), j -> new ArrayList<>()).add(UnitKeys.key(chunks.get(i)));
        }
        Map<String, String> out = new HashMap<>();
        byJob.forEach((job, keys) -> out.putAll(job.lineages.resolve(keys, roots -> known(repositoryId, roots))));
        for (int i = 0; i < chunks.size(); i++) {
            ChunkRecord chunk = chunks.get(i);
            String key = UnitKeys.key(chunk);
            Lineages lineages = jobs.get(i).lineages;
            String hash = chunk.contentHash();
            if (ChunkText.deleted(chunk) && lineages.minted(key) && hash != null) {
                String unit = lineages.unitWithContent(hash);
                if (unit == null) {
                    unit = store.find(repositoryId, Payloads.CONTENT_HASH, List.of(hash), 1).stream()
                            .map(h -> h.text(Payloads.UNIT_ID)).findFirst().orElse(null);
                }
                if (unit != null) {
                    lineages.alias(key, unit);
                    out.put(key, unit);
                }
            } else {
                lineages.versionOf(hash, out.get(key));
            }
        }
        return out;
    }

    /** Unit key → unit id for the keys the index holds points of. */
    private Map<String, String> known(String repositoryId, Set<String> keys) {
        int limit = keys.size() * 8;
        List<PointHit> found = store.find(repositoryId, Payloads.UNIT_KEY, keys, limit);
        Map<String, String> out = new HashMap<>();
        found.forEach(h -> out.putIfAbsent(h.text(Payloads.UNIT_KEY), h.text(Payloads.UNIT_ID)));
        if (found.size() >= limit) {
            // The page may have left keys out: ask for each missing one alone.
            for (String key : keys) {
                if (!out.containsKey(key)) {
                    store.find(repositoryId, Payloads.UNIT_KEY, List.of(key), 1)
                            .forEach(h -> out.put(key, h.text(Payloads.UNIT_ID)));
                }
            }
        }
        return out;
    }
}
