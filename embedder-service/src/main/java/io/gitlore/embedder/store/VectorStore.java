package io.gitlore.embedder.store;

import java.util.List;

/**
 * Where embedded chunks live, one collection per repository: Qdrant in production and compose, an on-disk Lucene
 * HNSW + BM25 index as the embedded default. Upserts are idempotent by point id.
 */
public interface VectorStore extends AutoCloseable {

    /** "qdrant" or "lucene". */
    String name();

    /**
     * Creates the repository's collection for vectors of {@code dimension} if it does not exist; fails with both
     * numbers when an existing collection holds vectors of another dimension.
     */
    void ensureCollection(String repositoryId, int dimension);

    /**
     * Writes the points (same id: replaced). {@code durable}: return only once they are applied and searchable.
     *
     * @throws StoreUnavailableException when the store cannot be reached; nothing is lost, the caller retries
     */
    void upsert(String repositoryId, List<VectorPoint> points, boolean durable);

    List<SearchHit> vectorSearch(String repositoryId, float[] vector, int k, SearchFilters filters);

    List<SearchHit> keywordSearch(String repositoryId, String query, int k, SearchFilters filters);

    /** Points in the repository's collection (0 if it does not exist). */
    long count(String repositoryId);

    /** Whether the store answers (for health checks). */
    boolean ping();

    @Override
    void close();

    /** The message every store fails with when a collection and the model disagree on the dimension. */
    static String dimensionMismatch(String repositoryId, int existing, int model) {
        return "dimension mismatch for repository " + repositoryId + ": the existing collection holds " + existing
                + "-dimensional vectors but the embedding model produces " + model + "; use the model the index was "
                + "built with or remove the collection";
    }
}
