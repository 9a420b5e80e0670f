package io.gitlore.embedder.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gitlore.embedder.service.EmbeddingPipeline.Pending;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.text.UnitKeys;

/**
 * Decides what a batch of chunks writes: resolves their unit ids ({@link UnitIds}), plans their points
 * ({@link PointPlanner}) and leaves out every point the store holds with the same text, so a re-run writes nothing.
 * A point stored as it is but still without its vector is written again when embedding inline; text first, its job
 * waits for the {@link VectorBackfill} to give it one.
 */
final class ChangedPoints {

    private final PointPlanner planner;
    private final UnitIds unitIds;
    private final StoreCalls calls;
    private final VectorBackfill backfill;
    private final boolean textFirst;

    ChangedPoints(PointPlanner planner, UnitIds unitIds, StoreCalls calls, VectorBackfill backfill,
                  boolean textFirst) {
        this.planner = planner;
        this.unitIds = unitIds;
        this.calls = calls;
        this.backfill = backfill;
        this.textFirst = textFirst;
    }

    /**
     * The points of the items that are not stored as they are already. A point stored as it is but still without its
     * vector (an earlier run's) is written again when embedding inline; text first, the job waits for its vector.
     */
    List<PointPlanner.Planned> of(String repositoryId, List<Pending> items) {
        Map<String, String> units = calls.get(items.get(0).job(), () -> unitIds.resolve(repositoryId,
                items.stream().map(Pending::job).toList(), items.stream().map(Pending::chunk).toList()));
        List<PointPlanner.Planned> planned = new ArrayList<>();
        for (Pending p : items) {
            List<PointPlanner.Planned> own = planner.plan(p.chunk(), p.code(), units.get(UnitKeys.key(p.chunk())),
                    p.job());
            if (p.chunk().snapshot()) {
                own.forEach(x -> p.job().currentPoints.add(x.id()));
            }
            planned.addAll(own);
        }
        Map<String, String> storedHashes = new HashMap<>();
        Set<String> withoutVector = new HashSet<>();
        List<String> ids = planned.stream().map(PointPlanner.Planned::id).distinct().toList();
        calls.get(items.get(0).job(), () -> calls.store().get(repositoryId, ids)).forEach(h -> {
            storedHashes.put(h.id(), h.text(Payloads.TEXT_HASH));
            if (Boolean.TRUE.equals(h.metadata().get(Payloads.VECTOR_PENDING))) {
                withoutVector.add(h.id());
            }
        });
        JobStats job = items.get(0).job();
        List<PointPlanner.Planned> fresh = new ArrayList<>();
        List<PointPlanner.Planned> owed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PointPlanner.Planned p : planned) {
            boolean same = p.textHash().equals(storedHashes.get(p.id()));
            if (!seen.add(p.id()) || same && (textFirst || !withoutVector.contains(p.id()))) {
                job.unchanged++;
                if (same && withoutVector.contains(p.id())) {
                    owed.add(p);
                }
            } else {
                fresh.add(p);
            }
        }
        if (!owed.isEmpty()) {
            backfill.await(job, repositoryId, owed);
        }
        return fresh;
    }

    private static String key(Pending p) {
        return UnitKeys.key(p.chunk());
    }
}
