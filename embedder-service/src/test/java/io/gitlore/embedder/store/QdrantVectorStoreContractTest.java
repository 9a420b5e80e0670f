package io.gitlore.embedder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.grpc.ManagedChannel;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.testsupport.Mappings;

/**
 * Contract tests of the Qdrant adapter against {@link FakeQdrant}, an in-process gRPC server on the client's own
 * generated service bases. NOT a real Qdrant: these prove exactly what is sent and how replies and UNAVAILABLE are
 * handled, not how a real server stores or ranks. Outages go through the service's {@link StoreRetryPolicy}.
 */
class QdrantVectorStoreContractTest {

    private static final String REPO = "ripgrep-1234abcd";
    private FakeQdrant fake;
    private ManagedChannel channel;
    private QdrantVectorStore store;
    private final StoreRetryPolicy retry = new StoreRetryPolicy(new StoreRetryPolicy.Settings(Duration.ofMillis(10),
            Duration.ofMillis(40), 3));

    @BeforeEach
    void start() throws Exception {
        fake = new FakeQdrant();
        channel = fake.channel();
        store = QdrantVectorStore.over(channel, new QdrantVectorStore.Options("gitlore_", 256, Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        store.close();
        channel.shutdownNow();
        fake.close();
    }

    @Test
    void createsTheCollectionWithCosineDenseBm25SparseAndPayloadIndexes() {
        store.ensureCollection(REPO, 384);
        store.ensureCollection(REPO, 384); // known: no second round trip

        CreateCollection create = fake.requests(CreateCollection.class).get(0);
        assertEquals(1, fake.requests(CreateCollection.class).size());
        assertEquals("gitlore_" + REPO, create.getCollectionName());
        assertEquals(384, create.getVectorsConfig().getParams().getSize());
        assertEquals(Distance.Cosine, create.getVectorsConfig().getParams().getDistance());
        assertEquals(Modifier.Idf, create.getSparseVectorsConfig().getMapMap().get("bm25").getModifier());

        List<CreateFieldIndexCollection> indexes = fake.requests(CreateFieldIndexCollection.class);
        assertEquals(List.of("metadata.path_prefixes", "metadata.language", "metadata.kind", "metadata.change_type",
                "metadata.author", "metadata.commit", "metadata.role", "metadata.unit_id", "metadata.unit_key",
                "metadata.content_hash", "metadata.timestamp", "metadata.vector_pending"),
                indexes.stream().map(CreateFieldIndexCollection::getFieldName).toList());
        assertTrue(indexes.subList(0, 10).stream().allMatch(i -> i.getFieldType() == FieldType.FieldTypeKeyword));
        assertEquals(FieldType.FieldTypeInteger, indexes.get(10).getFieldType());
        assertEquals(FieldType.FieldTypeBool, indexes.get(11).getFieldType());
    }

    @Test
    void anExistingCollectionOfAnotherDimensionFailsWithBothNumbers() {
        store.ensureCollection(REPO, 768);
        QdrantVectorStore fresh = QdrantVectorStore.over(channel, QdrantVectorStore.Options.of(Mappings.defaults(EmbedderConfig.class)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fresh.ensureCollection(REPO, 384));
        assertTrue(e.getMessage().contains("768") && e.getMessage().contains("384"), e.getMessage());
    }

    @Test
    void upsertsInBatchesWithDeterministicIdsAndTheN8nPayload() {
        store.ensureCollection(REPO, 3);
        List<VectorPoint> points = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            points.add(point("chunk-" + i, new float[]{1, 0, i}));
        }
        store.upsert(REPO, points, true);

        List<UpsertPoints> upserts = fake.requests(UpsertPoints.class);
        assertEquals(List.of(256, 256, 88), upserts.stream().map(UpsertPoints::getPointsCount).toList());
        assertTrue(upserts.stream().allMatch(UpsertPoints::getWait));
        PointStruct first = upserts.get(0).getPoints(0);
        assertEquals(PointIds.of("chunk-0"), first.getId().getUuid());
        assertEquals(List.of(1f, 0f, 0f), first.getVectors().getVectors().getVectorsMap().get("").getDense()
                .getDataList());
        assertTrue(first.getVectors().getVectors().getVectorsMap().get("bm25").getSparse().getIndicesCount() > 0);
        assertEquals("src/lib.rs · function parse_header\nfn parse_header() {}",
                first.getPayloadMap().get("content").getStringValue());
        Map<String, Value> metadata = first.getPayloadMap().get("metadata").getStructValue().getFieldsMap();
        assertEquals("src/lib.rs", metadata.get("path").getStringValue());
        assertEquals("rust", metadata.get("language").getStringValue());
        assertEquals(1704067200, metadata.get("timestamp").getIntegerValue());
        assertEquals(List.of("src", "src/lib.rs"), metadata.get("path_prefixes").getListValue().getValuesList()
                .stream().map(Value::getStringValue).toList());

        // Re-delivery of the same chunks: same ids, no new points.
        store.upsert(REPO, points, false);
        assertEquals(600, fake.pointIds("gitlore_" + REPO).size());
        assertEquals(600, store.count(REPO));
    }

    @Test
    void aRefusedCallFailsAtOnceWithStoreUnavailable() {
        store.ensureCollection(REPO, 3);
        fake.failNext(1);
        assertThrows(StoreUnavailableException.class,
                () -> store.upsert(REPO, List.of(point("a", new float[]{1, 0, 0})), true));
        assertEquals(1, fake.refused.get());
        assertEquals(0, fake.requests(UpsertPoints.class).size());
    }

    @Test
    void retriesUnavailableWithBackoffThenSucceeds() {
        store.ensureCollection(REPO, 3);
        fake.failNext(3);
        List<Duration> pauses = new ArrayList<>();
        retry.run(() -> store.upsert(REPO, List.of(point("a", new float[]{1, 0, 0})), true),
                (attempt, retryIn, e) -> pauses.add(retryIn));
        assertEquals(3, fake.refused.get());
        assertEquals(1, fake.requests(UpsertPoints.class).size());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40)), pauses);
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsWithStoreUnavailable() {
        store.ensureCollection(REPO, 3);
        fake.setDown(true);
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                () -> retry.run(() -> store.upsert(REPO, List.of(point("a", new float[]{1, 0, 0})), true),
                        (attempt, retryIn, x) -> { }));
        assertTrue(e.getMessage().contains("4 times"), e.getMessage());
        assertEquals(4, fake.refused.get());
        assertFalse(store.ping());
    }

    @Test
    void aFailureThatIsNotAnOutageIsNotRetried() {
        store.ensureCollection(REPO, 768);
        QdrantVectorStore fresh = QdrantVectorStore.over(channel, QdrantVectorStore.Options.of(Mappings.defaults(EmbedderConfig.class)));
        int[] attempts = {0};
        assertThrows(IllegalStateException.class, () -> retry.run(() -> {
            attempts[0]++;
            fresh.ensureCollection(REPO, 384);
        }, (attempt, retryIn, e) -> { }));
        assertEquals(1, attempts[0]);
    }

    @Test
    void searchesSendTheQueryVectorOrSparseTermsWithFiltersAndReadPayloads() {
        store.ensureCollection(REPO, 3);
        store.upsert(REPO, List.of(point("a", new float[]{1, 0, 0}), point("b", new float[]{0, 1, 0})), true);
        SearchFilters filters = new SearchFilters("src/", "rust", null, null, "ada",
                Instant.parse("2023-01-01T00:00:00Z"), null, null);

        List<PointHit> hits = store.vectorSearch(REPO, new float[]{0, 1, 0}, 5, filters);
        QueryPoints dense = fake.requests(QueryPoints.class).get(0);
        assertFalse(dense.hasUsing());
        assertEquals(5, dense.getLimit());
        assertEquals(List.of(0f, 1f, 0f), dense.getQuery().getNearest().getDense().getDataList());
        List<Condition> must = dense.getFilter().getMustList();
        assertEquals("metadata.path_prefixes", must.get(0).getField().getKey());
        assertEquals("src", must.get(0).getField().getMatch().getKeyword());
        assertEquals("rust", must.get(1).getField().getMatch().getKeyword());
        assertEquals("metadata.author", must.get(2).getField().getKey());
        assertEquals(1672531200, must.get(3).getField().getRange().getGte());
        assertEquals(PointIds.of("b"), hits.get(0).id());
        assertEquals("src/lib.rs", hits.get(0).metadata().get("path"));
        assertTrue(hits.get(0).content().startsWith("src/lib.rs"));

        List<PointHit> keyword = store.keywordSearch(REPO, "parse headers", 5, SearchFilters.NONE);
        QueryPoints sparse = fake.requests(QueryPoints.class).get(1);
        assertEquals("bm25", sparse.getUsing());
        assertTrue(sparse.getQuery().getNearest().getSparse().getIndicesCount() >= 2);
        assertFalse(sparse.hasFilter());
        assertEquals(2, keyword.size());
    }

    @Test
    void getsFindsListsAndDeletesPointsByIdAndKeywordField() {
        assertFalse(store.exists(REPO));
        assertEquals(List.of(), store.find(REPO, Payloads.UNIT_ID, List.of("u1"), 10));
        store.ensureCollection(REPO, 3);
        assertTrue(store.exists(REPO));
        List<VectorPoint> points = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            VectorPoint p = point("p" + i, new float[]{1, 0, i});
            p.metadata().put(Payloads.UNIT_ID, "u" + (i % 3));
            p.metadata().put(Payloads.ROLE, i < 2 ? Payloads.CURRENT : Payloads.CHANGE);
            points.add(p);
        }
        store.upsert(REPO, points, true);

        assertEquals(List.of(PointIds.of("p7")), store.get(REPO, List.of(PointIds.of("p7"), PointIds.of("nope")))
                .stream().map(PointHit::id).toList());
        // More matches than one scroll page: the adapter follows the next-page offset.
        assertEquals(1667, store.find(REPO, Payloads.UNIT_ID, List.of("u0", "u1"), 5000).size());
        assertEquals(10, store.find(REPO, Payloads.UNIT_ID, List.of("u0", "u1"), 10).size());
        assertTrue(store.find(REPO, Payloads.UNIT_ID, List.of("u2"), 5).stream()
                .allMatch(h -> "u2".equals(h.metadata().get(Payloads.UNIT_ID))));
        assertEquals(List.of(PointIds.of("p0"), PointIds.of("p1")).stream().sorted().toList(),
                store.ids(REPO, Payloads.ROLE, Payloads.CURRENT).stream().sorted().toList());

        store.delete(REPO, List.of(PointIds.of("p0"), PointIds.of("p1")), true);
        assertEquals(2498, store.count(REPO));
        assertEquals(List.of(), store.ids(REPO, Payloads.ROLE, Payloads.CURRENT));
    }

    /**
     * Text first: a point without a vector goes out with its BM25 terms, no dense vector and the pending flag; keyword
     * search finds it, dense search does not, the pending scroll (a boolean match) returns it, and the collection is
     * listed for the backfill's resume. Written again with its vector (one upsert), it is complete.
     */
    @Test
    void aPointStoredTextFirstIsFoundByKeywordsListedAsPendingAndCompletedByItsVector() {
        store.ensureCollection(REPO, 3);
        VectorPoint textOnly = point("t", null);
        textOnly.metadata().put(Payloads.VECTOR_PENDING, true);
        store.upsert(REPO, List.of(textOnly, point("v", new float[]{1, 0, 0})), true);

        PointStruct sent = fake.requests(UpsertPoints.class).get(0).getPoints(0);
        assertEquals(java.util.Set.of("bm25"), sent.getVectors().getVectors().getVectorsMap().keySet());
        assertTrue(sent.getPayloadMap().get("metadata").getStructValue().getFieldsMap().get("vector_pending")
                .getBoolValue());
        assertEquals(List.of(REPO), store.repositories());
        assertEquals(List.of(PointIds.of("t")), store.pending(REPO).stream().map(PointHit::id).toList());
        assertEquals(Boolean.TRUE, store.pending(REPO).get(0).metadata().get(Payloads.VECTOR_PENDING));
        Condition pending = fake.requests(io.qdrant.client.grpc.Points.ScrollPoints.class).get(0).getFilter()
                .getMust(0);
        assertEquals("metadata.vector_pending", pending.getField().getKey());
        assertTrue(pending.getField().getMatch().getBoolean());
        assertEquals(List.of(PointIds.of("v")), store.vectorSearch(REPO, new float[]{1, 0, 0}, 5, SearchFilters.NONE)
                .stream().map(PointHit::id).toList());
        assertEquals(2, store.keywordSearch(REPO, "parse header", 5, SearchFilters.NONE).size());

        store.upsert(REPO, List.of(point("t", new float[]{0, 1, 0})), true);
        assertEquals(List.of(), store.pending(REPO));
        assertEquals(PointIds.of("t"), store.vectorSearch(REPO, new float[]{0, 1, 0}, 1, SearchFilters.NONE).get(0)
                .id());
    }

    static VectorPoint point(String chunkId, float[] vector) {
        Map<String, Object> metadata = new java.util.LinkedHashMap<>();
        metadata.put("chunk_id", chunkId);
        metadata.put("path", "src/lib.rs");
        metadata.put("path_prefixes", Payloads.prefixes("src/lib.rs"));
        metadata.put("language", "rust");
        metadata.put("author", "ada");
        metadata.put("timestamp", 1704067200L);
        return new VectorPoint(PointIds.of(chunkId), vector, "src/lib.rs · function parse_header\nfn parse_header() {}",
                metadata);
    }
}
