package io.gitlore.embedder.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.store.SearchHit;
import io.gitlore.embedder.store.VectorStore;

/**
 * Answers {@code search(query, k, filters)} over any {@link VectorStore}: embeds the query with the model's query
 * prefix, asks the vector and BM25 retrievers for candidates, and fuses their rankings by reciprocal rank
 * (score = Σ 1 / (rrfK + rank)), or returns one retriever's ranking alone.
 */
public final class Retriever {

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

    public List<SearchHit> search(String repositoryId, String query, int k, SearchFilters filters, SearchMode mode) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be empty");
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("k must be between 1 and 1000, not " + k);
        }
        return switch (mode) {
            case VECTOR -> store.vectorSearch(repositoryId, embedder.embedQuery(query), k, filters);
            case BM25 -> store.keywordSearch(repositoryId, query, k, filters);
            case HYBRID -> {
                int n = Math.max(candidates, k);
                List<SearchHit> vector = store.vectorSearch(repositoryId, embedder.embedQuery(query), n, filters);
                List<SearchHit> keyword = store.keywordSearch(repositoryId, query, n, filters);
                yield fuse(List.of(vector, keyword), rrfK, k);
            }
        };
    }

    /** Reciprocal rank fusion of several rankings; ties keep the order in which hits were first seen. */
    public static List<SearchHit> fuse(List<List<SearchHit>> rankings, int rrfK, int k) {
        Map<String, SearchHit> hits = new LinkedHashMap<>();
        Map<String, Double> scores = new LinkedHashMap<>();
        for (List<SearchHit> ranking : rankings) {
            for (int rank = 0; rank < ranking.size(); rank++) {
                SearchHit hit = ranking.get(rank);
                hits.putIfAbsent(hit.id(), hit);
                scores.merge(hit.id(), 1.0 / (rrfK + rank + 1), Double::sum);
            }
        }
        List<SearchHit> fused = new ArrayList<>(hits.size());
        hits.forEach((id, hit) -> fused.add(hit.withScore(scores.get(id))));
        fused.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return fused.size() > k ? new ArrayList<>(fused.subList(0, k)) : fused;
    }
}
