package io.gitlore.embedder.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.ConditionFactory;

import io.gitlore.embedder.text.SparseEncoder;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.ValueFactory;
import io.qdrant.client.VectorFactory;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;

/**
 * What {@link QdrantVectorStore} sends and reads besides its own calls: points and the collection as Qdrant takes
 * them, payload values to and from Java, search filters as Qdrant filters, and one call's outcome as a result, a transient {@link StoreUnavailableException} or a
 * failure.
 */
final class QdrantValues {

    private QdrantValues() {
    }

    /** A point's content and metadata payload as a {@link PointHit}. */
    static PointHit hit(PointId pointId, double score, Map<String, Value> payload) {
        Object metadata = fromValue(payload.getOrDefault(Payloads.METADATA, ValueFactory.nullValue()));
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = metadata instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        String id = pointId.hasUuid() ? pointId.getUuid() : Long.toString(pointId.getNum());
        return new PointHit(id, score, payload.getOrDefault(Payloads.CONTENT, ValueFactory.value(""))
                .getStringValue(), meta);
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

    /** A point as Qdrant stores it: the dense vector (none while it is pending), BM25 terms, content and metadata. */
    static PointStruct point(VectorPoint p, SparseEncoder sparse) {
        SparseEncoder.Sparse s = sparse.document(p.content());
        Map<String, Vector> vectors = new LinkedHashMap<>();
        if (p.vector() != null) {
            vectors.put("", VectorFactory.vector(p.vector()));
        }
        vectors.put(QdrantVectorStore.SPARSE, VectorFactory.vector(floats(s.values()), ints(s.indices())));
        return PointStruct.newBuilder()
                .setId(PointIdFactory.id(UUID.fromString(p.id())))
                .setVectors(VectorsFactory.namedVectors(vectors))
                .putPayload(Payloads.CONTENT, ValueFactory.value(p.content()))
                .putPayload(Payloads.METADATA, toValue(p.metadata()))
                .build();
    }

    /** A collection: the default unnamed cosine vector and the BM25 sparse vector with the IDF modifier. */
    static CreateCollection create(String name, int dimension) {
        return CreateCollection.newBuilder()
                .setCollectionName(name)
                .setVectorsConfig(VectorsConfig.newBuilder().setParams(VectorParams.newBuilder()
                        .setSize(dimension).setDistance(Distance.Cosine)))
                .setSparseVectorsConfig(SparseVectorConfig.newBuilder().putMap(QdrantVectorStore.SPARSE,
                        SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
                .build();
    }

    static List<Float> floats(float[] a) {
        List<Float> out = new ArrayList<>(a.length);
        for (float f : a) {
            out.add(f);
        }
        return out;
    }

    static List<Integer> ints(int[] a) {
        List<Integer> out = new ArrayList<>(a.length);
        for (int i : a) {
            out.add(i);
        }
        return out;
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

    /**
     * Runs one call once: UNAVAILABLE or a deadline (the server is down or restarting) is the transient
     * {@link StoreUnavailableException}; any other failure is not transient and is an {@link IllegalStateException}.
     */
    static <T> T call(String what, Duration timeout, Callable<ListenableFuture<T>> call) {
        try {
            return call.call().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
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

}
