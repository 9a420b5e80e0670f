package io.gitlore.embedder.store;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;

import com.google.common.util.concurrent.ListenableFuture;
import io.gitlore.embedder.text.SparseEncoder;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.ConditionFactory;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;

/**
 * The production store: Qdrant through its official Java (gRPC) client. One collection per repository (default
 * unnamed cosine vector, a {@value #SPARSE} sparse vector with the IDF modifier for BM25, keyword and integer
 * payload indexes on the filter fields), deterministic UUID point ids, payload {@code content} + {@code metadata}
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
        public static Options defaults() {
            return new Options("gitlore_", 256, Duration.ofSeconds(60));
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
            CreateCollection create = CreateCollection.newBuilder()
                    .setCollectionName(name)
                    .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder()
                            .setSize(dimension).setDistance(Distance.Cosine)))
                    .setSparseVectorsConfig(SparseVectorConfig.newBuilder().putMap(SPARSE,
                            SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
                    .build();
            call("create collection " + name, () -> client.createCollectionAsync(create));
        }
        // Creating an index is idempotent: doing it for an existing collection too completes one whose creation an
        // outage cut short (the retry policy runs this whole method again).
        for (String field : Payloads.KEYWORD_FIELDS) {
            call("index " + field, () -> client.createPayloadIndexAsync(name, Payloads.METADATA + "." + field,
                    PayloadSchemaType.Keyword, null, true, null, null));
        }
        call("index " + Payloads.TIMESTAMP, () -> client.createPayloadIndexAsync(name,
                Payloads.METADATA + "." + Payloads.TIMESTAMP, PayloadSchemaType.Integer, null, true, null, null));
        ready.add(name);
    }

    @Override
    public void upsert(String repositoryId, List<VectorPoint> points, boolean durable) {
        String name = collection(repositoryId);
        for (int from = 0; from < points.size(); from += options.upsertBatch()) {
            List<PointStruct> batch = new ArrayList<>();
            for (VectorPoint p : points.subList(from, Math.min(points.size(), from + options.upsertBatch()))) {
                batch.add(point(p));
            }
            UpsertPoints request = UpsertPoints.newBuilder().setCollectionName(name).setWait(durable)
                    .addAllPoints(batch).build();
            call("upsert " + batch.size() + " points into " + name, () -> client.upsertAsync(request));
        }
    }

    PointStruct point(VectorPoint p) {
        SparseEncoder.Sparse s = sparse.document(p.content());
        Map<String, Vector> vectors = new LinkedHashMap<>();
        vectors.put(DENSE, VectorFactory.vector(p.vector()));
        vectors.put(SPARSE, VectorFactory.vector(floats(s.values()), ints(s.indices())));
        return PointStruct.newBuilder()
                .setId(PointIdFactory.id(UUID.fromString(p.id())))
                .setVectors(VectorsFactory.namedVectors(vectors))
                .putPayload(Payloads.CONTENT, ValueFactory.value(p.content()))
                .putPayload(Payloads.METADATA, toValue(p.metadata()))
                .build();
    }

    @Override
    public List<SearchHit> vectorSearch(String repositoryId, float[] vector, int k, SearchFilters filters) {
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(collection(repositoryId))
                .setQuery(QueryFactory.nearest(vector)).setLimit(k)
                .setWithPayload(WithPayloadSelectorFactory.enable(true));
        Filter filter = filter(filters);
        if (filter != null) {
            q.setFilter(filter);
        }
        return query(q.build());
    }

    @Override
    public List<SearchHit> keywordSearch(String repositoryId, String query, int k, SearchFilters filters) {
        SparseEncoder.Sparse s = sparse.query(query);
        if (s.indices().length == 0) {
            return List.of();
        }
        QueryPoints.Builder q = QueryPoints.newBuilder().setCollectionName(collection(repositoryId))
                .setUsing(SPARSE).setQuery(QueryFactory.nearest(floats(s.values()), ints(s.indices())))
                .setLimit(k).setWithPayload(WithPayloadSelectorFactory.enable(true));
        Filter filter = filter(filters);
        if (filter != null) {
            q.setFilter(filter);
        }
        return query(q.build());
    }

    private List<SearchHit> query(QueryPoints request) {
        if (!exists(request.getCollectionName())) {
            return List.of();
        }
        List<ScoredPoint> points = call("query " + request.getCollectionName(), () -> client.queryAsync(request));
        List<SearchHit> hits = new ArrayList<>(points.size());
        for (ScoredPoint p : points) {
            Map<String, Value> payload = p.getPayloadMap();
            Object metadata = fromValue(payload.getOrDefault(Payloads.METADATA, ValueFactory.nullValue()));
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = metadata instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            String id = p.getId().hasUuid() ? p.getId().getUuid() : Long.toString(p.getId().getNum());
            hits.add(new SearchHit(id, p.getScore(), payload.getOrDefault(Payloads.CONTENT,
                    ValueFactory.value("")).getStringValue(), meta));
        }
        return hits;
    }

    static Filter filter(SearchFilters f) {
        if (f == null || f.isEmpty()) {
            return null;
        }
        Filter.Builder b = Filter.newBuilder();
        f.keywordConditions().forEach((key, value) ->
                b.addMust(ConditionFactory.matchKeyword(Payloads.METADATA + "." + key, value)));
        if (f.since() != null || f.until() != null) {
            Range.Builder r = Range.newBuilder();
            if (f.since() != null) {
                r.setGte(f.since().getEpochSecond());
            }
            if (f.until() != null) {
                r.setLte(f.until().getEpochSecond());
            }
            b.addMust(ConditionFactory.range(Payloads.METADATA + "." + Payloads.TIMESTAMP, r.build()));
        }
        return b.build();
    }

    @Override
    public long count(String repositoryId) {
        String name = collection(repositoryId);
        if (!exists(name)) {
            return 0;
        }
        return call("count " + name, () -> client.countAsync(name));
    }

    /** Whether a collection exists; one this store created or checked is known, without a round trip. */
    private boolean exists(String name) {
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

    /**
     * Runs one call once: UNAVAILABLE or a deadline (the server is down or restarting) is the transient
     * {@link StoreUnavailableException}; any other failure is not transient and is an {@link IllegalStateException}.
     */
    private <T> T call(String what, Callable<ListenableFuture<T>> call) {
        try {
            return call.call().get(options.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted: " + what, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            Status status = cause instanceof StatusRuntimeException sre ? sre.getStatus() : null;
            boolean transientFailure = e instanceof TimeoutException || status != null
                    && (status.getCode() == Status.Code.UNAVAILABLE
                    || status.getCode() == Status.Code.DEADLINE_EXCEEDED);
            if (transientFailure) {
                throw new StoreUnavailableException("Qdrant unavailable: " + what + ": " + cause.getMessage(), cause);
            }
            throw new IllegalStateException("Qdrant: " + what + " failed: " + cause.getMessage(), cause);
        } catch (Exception e) {
            throw new IllegalStateException("Qdrant: " + what + " failed: " + e.getMessage(), e);
        }
    }

    static Value toValue(Object o) {
        if (o == null) {
            return ValueFactory.nullValue();
        } else if (o instanceof String s) {
            return ValueFactory.value(s);
        } else if (o instanceof Boolean b) {
            return ValueFactory.value(b);
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short) {
            return ValueFactory.value(((Number) o).longValue());
        } else if (o instanceof Number n) {
            return ValueFactory.value(n.doubleValue());
        } else if (o instanceof Map<?, ?> m) {
            Map<String, Value> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k.toString(), toValue(v)));
            return ValueFactory.value(out);
        } else if (o instanceof List<?> l) {
            List<Value> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(toValue(v)));
            return ValueFactory.list(out);
        }
        return ValueFactory.value(o.toString());
    }

    static Object fromValue(Value v) {
        return switch (v.getKindCase()) {
            case STRING_VALUE -> v.getStringValue();
            case INTEGER_VALUE -> v.getIntegerValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case BOOL_VALUE -> v.getBoolValue();
            case STRUCT_VALUE -> {
                Map<String, Object> out = new LinkedHashMap<>();
                v.getStructValue().getFieldsMap().forEach((k, x) -> out.put(k, fromValue(x)));
                yield out;
            }
            case LIST_VALUE -> {
                List<Object> out = new ArrayList<>();
                v.getListValue().getValuesList().forEach(x -> out.add(fromValue(x)));
                yield out;
            }
            default -> null;
        };
    }

    private static List<Float> floats(float[] a) {
        List<Float> out = new ArrayList<>(a.length);
        for (float f : a) {
            out.add(f);
        }
        return out;
    }

    private static List<Integer> ints(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int i : a) {
            out.add(i);
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
