package io.gitlore.contracts.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gitlore.contracts.Topics;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.contracts.scrape.SnapshotBatch;

/**
 * Every message type of every topic, fully populated, goes through the Kafka serializer and the topic's deserializer
 * and comes back equal; the {@code type} names the consumers dispatch on are pinned.
 */
class StreamRoundTripTest {

    /** The wire name of each permitted stream record: part of the contract, consumers in other languages use it. */
    private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
            PreScan.class, "pre-scan",
            CommitRecord.class, "commit",
            SnapshotBatch.class, "snapshot",
            RepositorySummary.class, "end",
            ChunkRecord.class, "chunk",
            ChunkingStats.class, "end");

    private final JsonSerializer<Object> serializer = new JsonSerializer<>();

    static Stream<Arguments> commitStream() {
        return permitted(CommitStreamItem.class);
    }

    static Stream<Arguments> chunkStream() {
        return permitted(ChunkStreamItem.class);
    }

    private static Stream<Arguments> permitted(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).map(type -> Arguments.of(type.getSimpleName(), type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commitStream")
    void everyCommitStreamRecordRoundTrips(String name, Class<? extends CommitStreamItem> type) {
        CommitStreamItem item = new Samples().of(type);

        byte[] bytes = serializer.serialize(Topics.COMMITS, item);

        assertEquals(TYPE_NAMES.get(type), Json.read(bytes, JsonNode.class).get("type").asText());
        assertEquals(item, new CommitStreamDeserializer().deserialize(Topics.COMMITS, bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkStream")
    void everyChunkStreamRecordRoundTrips(String name, Class<? extends ChunkStreamItem> type) {
        ChunkStreamItem item = new Samples().of(type);

        byte[] bytes = serializer.serialize(Topics.CHUNKS, item);

        assertEquals(TYPE_NAMES.get(type), Json.read(bytes, JsonNode.class).get("type").asText());
        assertEquals(item, new ChunkStreamDeserializer().deserialize(Topics.CHUNKS, bytes));
    }

    @Test
    void everyPermittedStreamRecordHasAPinnedTypeName() {
        Set<Class<?>> permitted = Stream.of(CommitStreamItem.class, ChunkStreamItem.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
                .collect(Collectors.toSet());

        assertEquals(TYPE_NAMES.keySet(), permitted, "a new stream record needs its wire name pinned here");
    }

    @Test
    void aDatasetManifestRoundTrips() {
        DatasetReady ready = new Samples().of(DatasetReady.class);

        assertEquals(ready, roundTrip(Topics.DATASETS_READY, ready, new DatasetReadyDeserializer()));
    }

    @Test
    void anEmptyDatasetRoundTripsWithoutAManifest() {
        DatasetReady empty = new DatasetReady("job-1", "repo-0badc0de", null, null, true,
                "nothing to train on: every chunk was a duplicate");

        DatasetReady back = roundTrip(Topics.DATASETS_READY, empty, new DatasetReadyDeserializer());

        assertEquals(empty, back);
        assertNull(back.manifest());
    }

    @Test
    void aJobEventRoundTrips() {
        JobEvent event = new Samples().of(JobEvent.class);

        assertEquals(event, roundTrip(Topics.JOB_EVENTS, event, new JobEventDeserializer()));
    }

    @Test
    void endMarkersSayWhetherTheJobWasCancelledAndOlderOnesReadAsRanToTheirEnd() {
        RepositorySummary summary = new Samples().of(RepositorySummary.class);
        ChunkingStats stats = new Samples().of(ChunkingStats.class);
        ObjectNode summaryJson = (ObjectNode) Json.read(serializer.serialize(Topics.COMMITS, summary), JsonNode.class);
        ObjectNode statsJson = (ObjectNode) Json.read(serializer.serialize(Topics.CHUNKS, stats), JsonNode.class);
        assertEquals(summary.cancelled(), summaryJson.get("cancelled").asText());
        assertEquals(stats.cancelled(), statsJson.get("cancelled").asText());
        assertTrue(summary.wasCancelled() && stats.wasCancelled());

        // What a producer from before the field sends.
        RepositorySummary older = (RepositorySummary) new CommitStreamDeserializer().deserialize(Topics.COMMITS,
                Json.write(summaryJson.without("cancelled")));
        ChunkingStats olderStats = (ChunkingStats) new ChunkStreamDeserializer().deserialize(Topics.CHUNKS,
                Json.write(statsJson.without("cancelled")));

        assertFalse(older.wasCancelled() || olderStats.wasCancelled());
        assertEquals(summary.emitted(), older.emitted());
        assertEquals(stats.emitted(), olderStats.emitted());
        assertNull(Json.read(serializer.serialize(Topics.CHUNKS, olderStats), JsonNode.class).get("cancelled"),
                "a stream that ran to its end carries no cancelled field");
    }

    @Test
    void aJobEventCarryingARecordAsDetailsRoundTrips() {
        // What the stages do with their summaries: a record flattened to JSON-friendly values.
        RepositorySummary summary = new Samples().of(RepositorySummary.class);
        JobEvent event = JobEvent.of("job-1", "scraper", JobEventType.COMPLETED, 42, 42, "scraped 42 commits",
                JobEvents.details(summary));

        JobEvent back = roundTrip(Topics.JOB_EVENTS, event, new JobEventDeserializer());

        assertEquals(event, back);
        assertEquals(summary, Json.MAPPER.convertValue(back.details(), RepositorySummary.class));
    }

    @Test
    void aJobEventIdIsTheSameForTheSameStep() {
        JobEvent first = JobEvent.of("job-1", "chunker", JobEventType.PROGRESS, 250, 1000, "250 of 1000", null);
        JobEvent retried = JobEvent.of("job-1", "chunker", JobEventType.PROGRESS, 250, 1000, "250 of 1000", null);

        assertEquals(first.id(), retried.id());
        assertEquals(Map.of(), first.details());
    }

    @Test
    void aJobControlRoundTrips() {
        JobControl cancel = new Samples().of(JobControl.class);

        assertEquals(cancel, roundTrip(Topics.JOB_CONTROL, cancel, new JobControlDeserializer()));
        JobControl made = JobControl.cancel("job-1", "asked by a person");
        assertEquals(JobControl.Action.CANCEL, roundTrip(Topics.JOB_CONTROL, made, new JobControlDeserializer())
                .action());
    }

    @Test
    void aScrapeRequestRoundTrips() {
        ScrapeRequest request = new Samples().of(ScrapeRequest.class);

        assertEquals(request, roundTrip(Topics.SCRAPE_REQUESTED, request, new ScrapeRequestDeserializer()));
    }

    @Test
    void aMinimalScrapeRequestRoundTripsWithItsDefaults() {
        ScrapeRequest request = new ScrapeRequest("job-1", "/repos/ripgrep", null, null,
                Instant.parse("2024-03-01T10:15:30Z"));

        ScrapeRequest back = roundTrip(Topics.SCRAPE_REQUESTED, request, new ScrapeRequestDeserializer());

        assertEquals(request, back);
        assertEquals(List.of(), back.refs());
        assertNull(back.snapshot());
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerProducersDoNotBreakOlderConsumers() {
        PreScan preScan = new Samples().of(PreScan.class);
        ObjectNode json = (ObjectNode) Json.read(serializer.serialize(Topics.COMMITS, preScan), JsonNode.class);
        json.put("addedInAFutureVersion", "ignored");

        assertEquals(preScan, new CommitStreamDeserializer().deserialize(Topics.COMMITS, Json.write(json)));
    }

    @Test
    void aMalformedMessageFailsWithTheTopicAndTheTypeSoItCanBeDeadLettered() {
        byte[] truncated = "{\"type\":\"commit\",\"jobId\":".getBytes(StandardCharsets.UTF_8);
        byte[] unknownType = "{\"type\":\"rumour\",\"jobId\":\"job-1\"}".getBytes(StandardCharsets.UTF_8);
        CommitStreamDeserializer deserializer = new CommitStreamDeserializer();

        for (byte[] payload : List.of(truncated, unknownType)) {
            SerializationException e = assertThrows(SerializationException.class,
                    () -> deserializer.deserialize(Topics.COMMITS, payload));
            assertTrue(e.getMessage().contains("CommitStreamItem") && e.getMessage().contains(Topics.COMMITS),
                    e.getMessage());
        }
    }

    @Test
    void aTombstoneStaysNullBothWays() {
        assertNull(serializer.serialize(Topics.JOB_EVENTS, null));
        assertNull(new JobEventDeserializer().deserialize(Topics.JOB_EVENTS, null));
    }

    @Test
    void aConsumedMessageWithoutAJobIdIsRejectedWithWhatItWas() {
        byte[] noJob = serializer.serialize(Topics.SCRAPE_REQUESTED,
                new ScrapeRequest(null, "/repos/ripgrep", List.of(), null, null));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.readMessage(noJob, ScrapeRequest.class, "scrape request", ScrapeRequest::jobId));
        assertEquals("scrape request without a job id", e.getMessage());
    }

    private <T> T roundTrip(String topic, T value, Deserializer<T> deserializer) {
        return deserializer.deserialize(topic, serializer.serialize(topic, value));
    }
}
