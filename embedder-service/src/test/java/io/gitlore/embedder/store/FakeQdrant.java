package io.gitlore.embedder.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionDescription;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListCollectionsRequest;
import io.qdrant.client.grpc.Collections.ListCollectionsResponse;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.PointsGrpc;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;

/**
 * NOT a real Qdrant: an in-process gRPC server built on the Qdrant client's own generated service bases, which
 * records every request the adapter sends, lists collections, keeps upserted points by id (a point without the dense
 * vector is left out of dense queries, as Qdrant leaves it out of that vector's index), answers queries by brute force
 * (without filters), retrieves, scrolls (keyword and boolean match conditions only) and deletes points, and can be made UNAVAILABLE (stopped) or
 * fail the next calls, to test what the adapter sends and how it retries.
 */
public final class FakeQdrant implements AutoCloseable {

    public final List<Message> requests = new CopyOnWriteArrayList<>();
    public final Map<String, CreateCollection> collections = new ConcurrentHashMap<>();
    public final Map<String, Map<String, PointStruct>> points = new ConcurrentHashMap<>();
    private final AtomicInteger failNext = new AtomicInteger();
    /** Calls answered with UNAVAILABLE. */
    public final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;
    private final String name = InProcessServerBuilder.generateName();
    private final Server server;

    public FakeQdrant() throws IOException {
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(new Health()).addService(new Collections()).addService(new Points())
                .build().start();
    }

    public ManagedChannel channel() {
        return InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    /** While down, every call fails with UNAVAILABLE, as a stopped server does. */
    public void setDown(boolean down) {
        this.down = down;
    }

    public void failNext(int calls) {
        failNext.set(calls);
    }

    public <T extends Message> List<T> requests(Class<T> type) {
        List<T> out = new ArrayList<>();
        requests.forEach(r -> {
            if (type.isInstance(r)) {
                out.add(type.cast(r));
            }
        });
        return out;
    }

    private <T> boolean refuse(Message request, StreamObserver<T> observer) {
        if (down || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refused.incrementAndGet();
            observer.onError(Status.UNAVAILABLE.withDescription("fake Qdrant is down").asRuntimeException());
            return true;
        }
        requests.add(request);
        return false;
    }

    private static <T> void reply(StreamObserver<T> observer, T value) {
        observer.onNext(value);
        observer.onCompleted();
    }

    private final class Health extends QdrantGrpc.QdrantImplBase {
        @Override
        public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
            if (!refuse(request, observer)) {
                reply(observer, HealthCheckReply.newBuilder().setTitle("fake qdrant").setVersion("1.18.0").build());
            }
        }
    }

    private final class Collections extends CollectionsGrpc.CollectionsImplBase {
        @Override
        public void collectionExists(CollectionExistsRequest request, StreamObserver<CollectionExistsResponse> o) {
            if (!refuse(request, o)) {
                reply(o, CollectionExistsResponse.newBuilder().setResult(CollectionExists.newBuilder()
                        .setExists(collections.containsKey(request.getCollectionName()))).build());
            }
        }

        @Override
        public void list(ListCollectionsRequest request, StreamObserver<ListCollectionsResponse> o) {
            if (!refuse(request, o)) {
                ListCollectionsResponse.Builder reply = ListCollectionsResponse.newBuilder();
                collections.keySet().stream().sorted().forEach(name -> reply.addCollections(
                        CollectionDescription.newBuilder().setName(name)));
                reply(o, reply.build());
            }
        }

        @Override
        public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> o) {
            if (!refuse(request, o)) {
                collections.put(request.getCollectionName(), request);
                points.putIfAbsent(request.getCollectionName(), new ConcurrentHashMap<>());
                reply(o, CollectionOperationResponse.newBuilder().setResult(true).build());
            }
        }

        @Override
        public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> o) {
            if (refuse(request, o)) {
                return;
            }
            CreateCollection c = collections.get(request.getCollectionName());
            if (c == null) {
                o.onError(Status.NOT_FOUND.withDescription("no collection").asRuntimeException());
                return;
            }
            reply(o, GetCollectionInfoResponse.newBuilder().setResult(CollectionInfo.newBuilder()
                    .setConfig(CollectionConfig.newBuilder().setParams(CollectionParams.newBuilder()
                            .setVectorsConfig(c.getVectorsConfig())
                            .setSparseVectorsConfig(c.getSparseVectorsConfig())))
                    .setPointsCount(points.get(request.getCollectionName()).size())).build());
        }
    }

    private final class Points extends PointsGrpc.PointsImplBase {
        @Override
        public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> o) {
            if (refuse(request, o)) {
                return;
            }
            Map<String, PointStruct> stored = points.get(request.getCollectionName());
            if (stored == null) {
                o.onError(Status.NOT_FOUND.withDescription("no collection").asRuntimeException());
                return;
            }
            request.getPointsList().forEach(p -> stored.put(p.getId().getUuid(), p));
            reply(o, PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder()
                    .setStatus(request.getWait() ? UpdateStatus.Completed : UpdateStatus.Acknowledged)).build());
        }

        @Override
        public void createFieldIndex(CreateFieldIndexCollection request, StreamObserver<PointsOperationResponse> o) {
            if (!refuse(request, o)) {
                reply(o, PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder()
                        .setStatus(UpdateStatus.Completed)).build());
            }
        }

        @Override
        public void count(CountPoints request, StreamObserver<CountResponse> o) {
            if (!refuse(request, o)) {
                reply(o, CountResponse.newBuilder().setResult(CountResult.newBuilder()
                        .setCount(points.getOrDefault(request.getCollectionName(), Map.of()).size())).build());
            }
        }

        @Override
        public void get(GetPoints request, StreamObserver<GetResponse> o) {
            if (refuse(request, o)) {
                return;
            }
            Map<String, PointStruct> stored = points.getOrDefault(request.getCollectionName(), Map.of());
            GetResponse.Builder reply = GetResponse.newBuilder();
            for (var id : request.getIdsList()) {
                PointStruct p = stored.get(id.getUuid());
                if (p != null) {
                    reply.addResult(RetrievedPoint.newBuilder().setId(p.getId()).putAllPayload(p.getPayloadMap()));
                }
            }
            reply(o, reply.build());
        }

        /** Pages in id order through the points that meet every keyword condition of the filter. */
        @Override
        public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> o) {
            if (refuse(request, o)) {
                return;
            }
            List<PointStruct> matching = new ArrayList<>();
            points.getOrDefault(request.getCollectionName(), Map.of()).values().stream()
                    .filter(p -> matches(p, request.getFilter()))
                    .sorted(Comparator.comparing(p -> p.getId().getUuid()))
                    .forEach(matching::add);
            int from = 0;
            if (request.hasOffset()) {
                while (from < matching.size() && matching.get(from).getId().getUuid()
                        .compareTo(request.getOffset().getUuid()) < 0) {
                    from++;
                }
            }
            int to = (int) Math.min(matching.size(), from + (long) request.getLimit());
            ScrollResponse.Builder reply = ScrollResponse.newBuilder();
            for (PointStruct p : matching.subList(from, to)) {
                RetrievedPoint.Builder r = RetrievedPoint.newBuilder().setId(p.getId());
                if (request.getWithPayload().getEnable()) {
                    r.putAllPayload(p.getPayloadMap());
                }
                reply.addResult(r);
            }
            if (to < matching.size()) {
                reply.setNextPageOffset(matching.get(to).getId());
            }
            reply(o, reply.build());
        }

        @Override
        public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> o) {
            if (refuse(request, o)) {
                return;
            }
            Map<String, PointStruct> stored = points.getOrDefault(request.getCollectionName(), Map.of());
            request.getPoints().getPoints().getIdsList().forEach(id -> stored.remove(id.getUuid()));
            reply(o, PointsOperationResponse.newBuilder().setResult(UpdateResult.newBuilder()
                    .setStatus(UpdateStatus.Completed)).build());
        }

        /** Brute force over the stored points (dense: dot product of unit vectors; sparse: dot product), no filters. */
        @Override
        public void query(QueryPoints request, StreamObserver<QueryResponse> o) {
            if (refuse(request, o)) {
                return;
            }
            var input = request.getQuery().getNearest();
            String using = request.hasUsing() ? request.getUsing() : "";
            List<ScoredPoint> scored = new ArrayList<>();
            for (PointStruct p : points.getOrDefault(request.getCollectionName(), Map.of()).values()) {
                var v = p.getVectors().getVectors().getVectorsMap().get(using);
                if (v == null) {
                    continue; // a point without this vector (stored text first) is not in its index
                }
                double score = 0;
                if (input.hasDense()) {
                    List<Float> a = input.getDense().getDataList();
                    List<Float> b = v.getDense().getDataList();
                    for (int i = 0; i < a.size(); i++) {
                        score += a.get(i) * b.get(i);
                    }
                } else {
                    var q = input.getSparse();
                    var d = v.getSparse();
                    for (int i = 0; i < q.getIndicesCount(); i++) {
                        int at = d.getIndicesList().indexOf(q.getIndices(i));
                        if (at >= 0) {
                            score += q.getValues(i) * d.getValues(at);
                        }
                    }
                    if (score == 0) {
                        continue;
                    }
                }
                scored.add(ScoredPoint.newBuilder().setId(p.getId()).putAllPayload(p.getPayloadMap())
                        .setScore((float) score).build());
            }
            scored.sort(Comparator.comparingDouble(ScoredPoint::getScore).reversed());
            reply(o, QueryResponse.newBuilder().addAllResult(scored.subList(0, (int) Math.min(scored.size(),
                    request.getLimit()))).build());
        }
    }

    /** Every must condition is a keyword match (one value or any of several) on a {@code metadata.*} field. */
    private static boolean matches(PointStruct p, Filter filter) {
        var metadata = p.getPayloadMap().get("metadata").getStructValue().getFieldsMap();
        for (Condition c : filter.getMustList()) {
            String key = c.getField().getKey().substring("metadata.".length());
            var match = c.getField().getMatch();
            var value = metadata.get(key);
            if (match.hasBoolean()) {
                if (value == null || !value.hasBoolValue() || value.getBoolValue() != match.getBoolean()) {
                    return false;
                }
                continue;
            }
            List<String> wanted = match.hasKeywords() ? match.getKeywords().getStringsList()
                    : List.of(match.getKeyword());
            List<String> have = new ArrayList<>();
            if (value != null && value.hasListValue()) {
                value.getListValue().getValuesList().forEach(v -> have.add(v.getStringValue()));
            } else if (value != null) {
                have.add(value.getStringValue());
            }
            if (have.stream().noneMatch(wanted::contains)) {
                return false;
            }
        }
        return true;
    }

    public List<String> pointIds(String collection) {
        List<String> ids = new ArrayList<>(points.getOrDefault(collection, Map.of()).keySet());
        java.util.Collections.sort(ids);
        return ids;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
