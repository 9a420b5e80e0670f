package io.gitlore.embedder.store;

import java.util.Collection;
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
     * Writes the points (same id: replaced); a point without a vector is stored for keyword search only, and vector
     * search does not see it until it is written again with one. {@code durable}: return only once they are applied and searchable.
     *
     * @throws StoreUnavailableException when the store cannot be reached; nothing is lost, the caller retries
     */
    void upsert(String repositoryId, List<VectorPoint> points, boolean durable);

    List<PointHit> vectorSearch(String repositoryId, float[] vector, int k, SearchFilters filters);

    List<PointHit> keywordSearch(String repositoryId, String query, int k, SearchFilters filters);

    /** The stored points among {@code ids} (missing ones are left out), with content and metadata. */
    List<PointHit> get(String repositoryId, Collection<String> ids);

    /**
     * At most {@code limit} points whose metadata keyword field (one of {@link Payloads#KEYWORD_FIELDS}) holds one of
     * {@code values}, in no particular order.
     */
    List<PointHit> find(String repositoryId, String field, Collection<String> values, int limit);

    /** The ids of every point whose keyword field holds {@code value} (ids only, for audits and clean-ups). */
    List<String> ids(String repositoryId, String field, String value);

    /**
     * The points stored without a vector (text first, {@link Payloads#VECTOR_PENDING}), with content and metadata: what
     * the vector backfill still owes, recovered from the store itself after a restart.
     */
    List<PointHit> pending(String repositoryId);

    /** The repositories this store holds an index of. */
    List<String> repositories();

    /** Removes the points (ids that do not exist are ignored). {@code durable}: return once searches see it. */
    void delete(String repositoryId, Collection<String> ids, boolean durable);

    /** Points in the repository's collection (0 if it does not exist). */
    long count(String repositoryId);

    /** Whether the repository has an index in this store (a search of an unknown repository is a 404). */
    boolean exists(String repositoryId);

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
