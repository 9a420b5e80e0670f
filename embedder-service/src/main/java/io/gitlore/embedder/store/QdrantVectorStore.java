package io.gitlore.embedder.store;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

import com.google.common.util.concurrent.ListenableFuture;
import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.embedder.text.SparseEncoder;
import io.grpc.ManagedChannel;
import io.qdrant.client.ConditionFactory;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsIdsList;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.UpsertPoints;

/**
 * The production store: Qdrant through its official Java (gRPC) client. One collection per repository (default
 * unnamed cosine vector, a {@value #SPARSE} sparse vector with the IDF modifier for BM25, keyword and integer
 * payload indexes on the filter fields), deterministic UUID point ids, a point stored text first without the dense
 * vector and with {@code metadata.vector_pending=true} until its vector is written (one upsert replaces both), payload {@code content} + {@code metadata}
 * as n8n's Qdrant node reads it, upserts split into batches; a call that finds the server down (UNAVAILABLE, a
 * deadline) fails at once with {@link StoreUnavailableException}, which the service's {@link StoreRetryPolicy}
 * retries.
 */
public final class QdrantVectorStore implements VectorStore {

    /** Name of the sparse BM25 vector; the dense vector is the default unnamed one ("") that n8n queries. */
    public static final String SPARSE = "bm25";
    private static final String DENSE = "";

    /** How the adapter talks to Qdrant. */
    public record Options(String collectionPrefix, int upsertBatch, Duration timeout) {
        public static Options of(EmbedderConfig config) {
            return new Options(config.qdrantCollectionPrefix(), config.upsertBatch(), config.qdrantTimeout());
        }
    }

    private final QdrantClient client;
    private final Options options;
    private final SparseEncoder sparse = SparseEncoder.defaults();
    private final Set<String> ready = ConcurrentHashMap.newKeySet();

    public QdrantVectorStore(QdrantClient client, Options options) {
        this.client = client;
        this.options = options;
    }

    /** Connects to a gRPC URL such as {@code http://qdrant:6334} ({@code https} uses TLS). */
    public static QdrantVectorStore connect(URI url, String apiKey, Options options) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : 6334;
        QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(url.getHost(), port, tls, false)
                .withTimeout(options.timeout());
        if (apiKey != null && !apiKey.isBlank()) {
            builder.withApiKey(apiKey);
        }
        return new QdrantVectorStore(new QdrantClient(builder.build()), options);
    }

    /** Over an existing channel (tests use an in-process one). */
    public static QdrantVectorStore over(ManagedChannel channel, Options options) {
        return new QdrantVectorStore(new QdrantClient(QdrantGrpcClient.newBuilder(channel, false, false)
                .withTimeout(options.timeout()).build()), options);
    }

    public String collection(String repositoryId) {
        return options.collectionPrefix() + repositoryId;
    }

    @Override
    public String name() {
        return "qdrant";
    }

    @Override
    public void ensureCollection(String repositoryId, int dimension) {
        String name = collection(repositoryId);
        if (ready.contains(name)) {
            return;
        }
        if (call("collection exists " + name, () -> client.collectionExistsAsync(name))) {
            CollectionInfo info = call("get collection " + name, () -> client.getCollectionInfoAsync(name));
            VectorsConfig vectors = info.getConfig().getParams().getVectorsConfig();
            long existing = vectors.hasParams() ? vectors.getParams().getSize()
                    : vectors.getParamsMap().getMapOrDefault(DENSE, VectorParams.getDefaultInstance()).getSize();
            if (existing != dimension) {
                throw new IllegalStateException(VectorStore.dimensionMismatch(repositoryId, (int) existing, dimension)
                        + " (Qdrant collection " + name + ")");
            }
        } else {
            CreateCollection create = QdrantValues.create(name, dimension);
            call("create collection " + name, () -> client.createCollectionAsync(create));
        }
        // Creating an index is idempotent: doing it for an existing collection too completes one whose creation an
        // outage cut short (the retry policy runs this whole method again).
        Map<String, PayloadSchemaType> indexes = new LinkedHashMap<>();
        Payloads.KEYWORD_FIELDS.forEach(field -> indexes.put(field, PayloadSchemaType.Keyword));
        indexes.put(Payloads.TIMESTAMP, PayloadSchemaType.Integer);
        indexes.put(Payloads.VECTOR_PENDING, PayloadSchemaType.Bool);
        indexes.forEach((field, type) -> call("index " + field, () -> client.createPayloadIndexAsync(name,
                Payloads.METADATA + "." + field, type, null, true, null, null)));
        ready.add(name);
    }

    @Override
    public void upsert(String repositoryId, List<VectorPoint> points, boolean durable) {
        String name = collection(repositoryId);
        for (int from = 0; from < points.size(); from += options.upsertBatch()) {
            List<PointStruct> batch = new ArrayList<>();
            for (VectorPoint p : points.subList(from, Math.min(points.size(), from + options.upsertBatch()))) {
                batch.add(QdrantValues.point(p, sparse));
            }
            UpsertPoints request = UpsertPoints.newBuilder().setCollectionName(name).setWait(durable)
                    .addAllPoints(batch).build();
            call("upsert " + batch.size() + " points into " + name, () -> client.upsertAsync(request));
        }
    }

    @Override
    public List<PointHit> vectorSearch(String repositoryId, float[] vector, int k, SearchFilters filters) {
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(collection(repositoryId))
                .setQuery(QueryFactory.nearest(vector)).setLimit(k)
                .setWithPayload(WithPayloadSelectorFactory.enable(true));
        return query(q, filters);
    }

    @Override
    public List<PointHit> keywordSearch(String repositoryId, String query, int k, SearchFilters filters) {
        SparseEncoder.Sparse s = sparse.query(query);
        if (s.indices().length == 0) {
            return List.of();
        }
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(collection(repositoryId))
                .setUsing(SPARSE).setQuery(QueryFactory.nearest(QdrantValues.floats(s.values()), QdrantValues.ints(s.indices())))
                .setLimit(k).setWithPayload(WithPayloadSelectorFactory.enable(true));
        return query(q, filters);
    }

    private List<PointHit> query(QueryPoints.Builder q, SearchFilters filters) {
        Filter filter = QdrantValues.filter(filters);
        if (filter != null) {
            q.setFilter(filter);
        }
        QueryPoints request = q.build();
        if (!collectionExists(request.getCollectionName())) {
            return List.of();
        }
        List<ScoredPoint> points = call("query " + request.getCollectionName(), () -> client.queryAsync(request));
        List<PointHit> hits = new ArrayList<>(points.size());
        for (ScoredPoint p : points) {
            hits.add(QdrantValues.hit(p.getId(), p.getScore(), p.getPayloadMap()));
        }
        return hits;
    }

    @Override
    public List<PointHit> get(String repositoryId, Collection<String> ids) {
        String name = collection(repositoryId);
        if (ids.isEmpty() || !collectionExists(name)) {
            return List.of();
        }
        List<PointId> pointIds = ids.stream().map(id -> PointIdFactory.id(UUID.fromString(id))).toList();
        List<RetrievedPoint> found = call("retrieve " + ids.size() + " points of " + name,
                () -> client.retrieveAsync(name, pointIds, true, false, null));
        return found.stream().map(p -> QdrantValues.hit(p.getId(), 0, p.getPayloadMap())).toList();
    }

    @Override
    public List<PointHit> find(String repositoryId, String field, Collection<String> values, int limit) {
        List<PointHit> out = new ArrayList<>();
        if (!values.isEmpty()) {
            scroll(repositoryId, keywords(field, values), limit, true, p -> out.add(QdrantValues.hit(p.getId(), 0,
                    p.getPayloadMap())));
        }
        return out;
    }

    @Override
    public List<String> ids(String repositoryId, String field, String value) {
        List<String> out = new ArrayList<>();
        scroll(repositoryId, keywords(field, List.of(value)), Integer.MAX_VALUE, false,
                p -> out.add(p.getId().getUuid()));
        return out;
    }

    /** The points whose payload says {@link Payloads#VECTOR_PENDING}: stored text first, no dense vector yet. */
    @Override
    public List<PointHit> pending(String repositoryId) {
        List<PointHit> out = new ArrayList<>();
        scroll(repositoryId, Filter.newBuilder().addMust(ConditionFactory.match(Payloads.METADATA + "."
                + Payloads.VECTOR_PENDING, true)).build(), Integer.MAX_VALUE, true,
                p -> out.add(QdrantValues.hit(p.getId(), 0, p.getPayloadMap())));
        return out;
    }

    /** The repositories of the collections that carry this store's prefix. */
    @Override
    public List<String> repositories() {
        List<String> names = call("list collections", client::listCollectionsAsync);
        return names.stream().filter(n -> n.startsWith(options.collectionPrefix()))
                .map(n -> n.substring(options.collectionPrefix().length())).sorted().toList();
    }

    private static Filter keywords(String field, Collection<String> values) {
        return Filter.newBuilder().addMust(ConditionFactory.matchKeywords(Payloads.METADATA + "." + field,
                List.copyOf(values))).build();
    }

    /** Pages through the points the filter matches. */
    private void scroll(String repositoryId, Filter filter, int limit, boolean payload,
                        java.util.function.Consumer<RetrievedPoint> sink) {
        String name = collection(repositoryId);
        if (!collectionExists(name)) {
            return;
        }
        QdrantPages.scroll(name, filter, limit, payload, sink, request -> call("scroll " + name,
                () -> client.scrollAsync(request)));
    }

    @Override
    public void delete(String repositoryId, Collection<String> ids, boolean durable) {
        String name = collection(repositoryId);
        if (ids.isEmpty() || !collectionExists(name)) {
            return;
        }
        DeletePoints request = DeletePoints.newBuilder().setCollectionName(name).setWait(durable)
                .setPoints(PointsSelector.newBuilder().setPoints(PointsIdsList.newBuilder().addAllIds(
                        ids.stream().map(id -> PointIdFactory.id(UUID.fromString(id))).toList())))
                .build();
        call("delete " + ids.size() + " points of " + name, () -> client.deleteAsync(request));
    }

    @Override
    public boolean exists(String repositoryId) {
        return collectionExists(collection(repositoryId));
    }

    @Override
    public long count(String repositoryId) {
        String name = collection(repositoryId);
        if (!collectionExists(name)) {
            return 0;
        }
        return call("count " + name, () -> client.countAsync(name));
    }

    /** Whether a collection exists; one this store created or checked is known, without a round trip. */
    private boolean collectionExists(String name) {
        if (ready.contains(name)) {
            return true;
        }
        return call("collection exists " + name, () -> client.collectionExistsAsync(name));
    }

    @Override
    public boolean ping() {
        try {
            client.healthCheckAsync(Duration.ofSeconds(3)).get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private <T> T call(String what, Callable<ListenableFuture<T>> call) {
        return QdrantValues.call(what, options.timeout(), call);
    }

    @Override
    public void close() {
        client.close();
    }
}
