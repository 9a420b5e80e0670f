package io.gitlore.embedder.store;

import java.util.Map;

/** One search result: point id, the score of the retriever that produced it, and the stored content and metadata. */
public record SearchHit(String id, double score, String content, Map<String, Object> metadata) {

    public SearchHit withScore(double newScore) {
        return new SearchHit(id, newScore, content, metadata);
    }
}
