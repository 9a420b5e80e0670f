package io.gitlore.embedder.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.search.SearchHit;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.store.VectorStore;

/**
 * Answers {@code search(query, k, filters)} over any {@link VectorStore} with one hit per code unit: asks the vector
 * retriever (the query embedded with the model's query prefix) and/or BM25 for candidate points, ranks the units
 * those points belong to by their best point, fuses the two unit rankings by reciprocal rank in hybrid mode
 * (score = Σ 1 / (rrfK + rank)), and assembles each of the top units from all its points ({@link UnitHits}).
 */
public final class Retriever {

    /** A unit in a ranking: its id, its score, and the ids of its points the retrievers returned. */
    public record RankedUnit(String unitId, double score, Set<String> matched) {
    }

    /** Points read per unit to assemble a hit: its current parts and its history. */
    private static final int POINTS_PER_UNIT = 5000;

    private final TextEmbedder embedder;
    private final VectorStore store;
    private final int rrfK;
    private final int candidates;

    public Retriever(TextEmbedder embedder, VectorStore store, int rrfK, int candidates) {
        this.embedder = embedder;
        this.store = store;
        this.rrfK = rrfK;
        this.candidates = candidates;
    }

    /** The top {@code k} units, each with its current code and at most {@code history} of its changes. */
    public List<SearchHit> search(String repositoryId, String query, int k, SearchFilters filters, SearchMode mode,
                                  int history) {
        List<SearchHit> hits = new ArrayList<>();
        for (RankedUnit unit : rank(repositoryId, query, k, filters, mode)) {
            List<PointHit> points = unit.unitId().startsWith(UnitHits.POINT_PREFIX)
                    ? store.get(repositoryId, List.of(unit.unitId().substring(UnitHits.POINT_PREFIX.length())))
                    : store.find(repositoryId, Payloads.UNIT_ID, List.of(unit.unitId()), POINTS_PER_UNIT);
            if (!points.isEmpty()) {
                hits.add(UnitHits.assemble(unit, points, history));
            }
        }
        return hits;
    }

    /** The top {@code k} units alone, without assembling them. */
    public List<RankedUnit> rank(String repositoryId, String query, int k, SearchFilters filters, SearchMode mode) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be empty");
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k must be between 1 and 1000, not " + k);
        }
        // Several points of one unit may come back: ask for more than k so that k units remain.
        int n = Math.max(candidates, 5 * k);
        return switch (mode) {
            case VECTOR -> top(units(store.vectorSearch(repositoryId, embedder.embedQuery(query), n, filters)), k);
            case BM25 -> top(units(store.keywordSearch(repositoryId, query, n, filters)), k);
            case HYBRID -> fuse(List.of(
                    units(store.vectorSearch(repositoryId, embedder.embedQuery(query), n, filters)),
                    units(store.keywordSearch(repositoryId, query, n, filters))), rrfK, k);
        };
    }

    /** One retriever's points as a unit ranking: each unit at the rank of its best point, scored by it. */
    static List<RankedUnit> units(List<PointHit> points) {
        Map<String, RankedUnit> units = new LinkedHashMap<>();
        for (PointHit p : points) {
            String unit = UnitHits.unitId(p);
            RankedUnit known = units.get(unit);
            if (known == null) {
                Set<String> matched = new HashSet<>();
                matched.add(p.id());
                units.put(unit, new RankedUnit(unit, p.score(), matched));
            } else {
                known.matched().add(p.id());
            }
        }
        return new ArrayList<>(units.values());
    }

    private static List<RankedUnit> top(List<RankedUnit> ranking, int k) {
        return ranking.size() > k ? new ArrayList<>(ranking.subList(0, k)) : ranking;
    }

    /** Reciprocal rank fusion of unit rankings; ties keep the order in which units were first seen. */
    public static List<RankedUnit> fuse(List<List<RankedUnit>> rankings, int rrfK, int k) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Set<String>> matched = new LinkedHashMap<>();
        for (List<RankedUnit> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                RankedUnit unit = ranking.get(rank);
                scores.merge(unit.unitId(), 1.0 / (rrfK + rank + 1), Double::sum);
                matched.computeIfAbsent(unit.unitId(), u -> new HashSet<>()).addAll(unit.matched());
            }
        }
        List<RankedUnit> fused = new ArrayList<>(scores.size());
        scores.forEach((id, score) -> fused.add(new RankedUnit(id, score, matched.get(id))));
        fused.sort(Comparator.comparingDouble(RankedUnit::score).reversed());
        return top(fused, k);
    }
}
