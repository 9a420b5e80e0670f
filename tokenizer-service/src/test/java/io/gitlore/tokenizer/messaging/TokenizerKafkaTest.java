package io.gitlore.tokenizer.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gitlore.contracts.Topics;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetManifest;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.DatasetReadyDeserializer;
import io.gitlore.contracts.serde.JobEventDeserializer;
import io.gitlore.contracts.serde.Json;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.gitlore.tokenizer.config.TokenizerConfig;
import io.gitlore.tokenizer.dataset.DatasetBuilderTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The tokenizer-service against a real Kafka broker: chunks in, datasets.ready out, shards readable. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TokenizerKafkaTest extends ServiceKafkaTestBase {

    @Inject
    TokenizerConfig config;

    private static ChunkingStats end(String job, long emitted) {
        return new ChunkingStats(job, "repo", emitted, emitted, emitted, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), 0, 0, 0, 1);
    }

    private DatasetReady awaitReady(String job) {
        return topics().read(Topics.DATASETS_READY, new DatasetReadyDeserializer(),
                        records -> records.stream().anyMatch(r -> r.value().jobId().equals(job)), WAIT)
                .stream().map(ConsumerRecord::value).filter(d -> d.jobId().equals(job)).findFirst().orElseThrow();
    }

    /** Twelve one-chunk commits and the end marker of {@code job}. */
    private static List<byte[]> stream(String job) {
        Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
        List<byte[]> stream = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ChunkRecord chunk = DatasetBuilderTest.chunk(i, String.format("%040x", i + 1), t0.plusSeconds(i * 60L),
                    "pub fn f" + i + "(x: u32) -> u32 {\n    x * " + i + "\n}\n", null, false);
            stream.add(Json.write(chunk.toBuilder().jobId(job).build()));
        }
        stream.add(Json.write(end(job, 12)));
        return stream;
    }

    @Test
    void chunksInDatasetOutWithReadableShards() throws Exception {
        String job = UUID.randomUUID().toString();
        topics().produce(Topics.CHUNKS, "repo", stream(job));
        DatasetReady ready = awaitReady(job);
        assertFalse(ready.empty());
        DatasetManifest manifest = ready.manifest();
        assertEquals(12, manifest.commits());
        assertEquals(32, manifest.options().contextLength());
        Path dir = Path.of(ready.directory());
        for (DatasetManifest.Split split : manifest.splits()) {
            for (DatasetManifest.Shard shard : split.shards().values()) {
                assertEquals(shard.bytes(), Files.size(dir.resolve(shard.file())));
            }
        }
        assertTrue(Files.exists(dir.resolve("manifest.json")));
        assertTrue(Files.exists(dir.resolve("tokenizer.json")));
    }

    /** A job's chunk stream read again (a restart before its commit): its dataset is built and published once. */
    @Test
    void aJobReadAgainPublishesItsDatasetOnce() {
        String job = UUID.randomUUID().toString();
        topics().produce(Topics.CHUNKS, "repo", stream(job));
        awaitReady(job);
        topics().produce(Topics.CHUNKS, "repo", stream(job));
        String next = UUID.randomUUID().toString(); // once its answer is out, so is anything the replay sent
        topics().produce(Topics.CHUNKS, "repo", Json.write(end(next, 0)));
        awaitReady(next);
        long answers = topics().read(Topics.DATASETS_READY, new DatasetReadyDeserializer(),
                        records -> records.stream().anyMatch(r -> r.value().jobId().equals(next)), WAIT)
                .stream().filter(r -> r.value().jobId().equals(job)).count();
        assertEquals(1, answers, "one dataset-ready record for the job");
    }

    @Test
    void anEmptyJobSaysNothingToTrainOn() {
        String job = UUID.randomUUID().toString();
        topics().produce(Topics.CHUNKS, "repo", Json.write(end(job, 0)));
        DatasetReady ready = awaitReady(job);
        assertTrue(ready.empty());
        assertNull(ready.manifest());
        assertTrue(ready.reason().startsWith("nothing to train on"), ready.reason());
    }

    /** Sends a real cancel and waits until this service's control consumer has recorded it. */
    private void cancel(String job) {
        topics().produce(Topics.JOB_CONTROL, job, Json.write(JobControl.cancel(job, "asked by a test")));
        Awaitility.await().atMost(WAIT).until(() -> Cancellations.isCancelled(config.dataDir(), job));
    }

    /**
     * Five chunks are taken, then a real cancel, then the chunker's end marker of a cancelled stream: no dataset,
     * one cancelled event with done/total, the job's chunks dropped; a chunk delivered again later is dropped too.
     */
    @Test
    void aJobCancelledMidStreamPublishesNoDatasetAndDropsWhatFollows() {
        String job = UUID.randomUUID().toString();
        List<byte[]> stream = stream(job);
        topics().produce(Topics.CHUNKS, "repo", stream.subList(0, 5));
        String first = UUID.randomUUID().toString(); // once its answer is out, the five chunks are taken
        topics().produce(Topics.CHUNKS, "repo", Json.write(end(first, 0)));
        awaitReady(first);
        cancel(job);
        ChunkingStats cancelledEnd = new ChunkingStats(job, "repo", 5, 5, 5, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), 0, 0, 0, 1, "asked by a test");
        topics().produce(Topics.CHUNKS, "repo", List.of(Json.write(cancelledEnd), stream.get(3),
                stream.get(stream.size() - 1)));
        String next = UUID.randomUUID().toString();
        topics().produce(Topics.CHUNKS, "repo", Json.write(end(next, 0)));
        awaitReady(next);

        assertEquals(0, topics().read(Topics.DATASETS_READY, new DatasetReadyDeserializer(),
                        records -> records.stream().anyMatch(r -> r.value().jobId().equals(next)), WAIT)
                .stream().filter(r -> r.value().jobId().equals(job)).count(), "no dataset for a cancelled job");
        assertFalse(Files.exists(config.dataDir().resolve("jobs").resolve(job).resolve("dataset")));
        List<JobEvent> events = topics().read(Topics.JOB_EVENTS, new JobEventDeserializer(),
                        records -> records.stream().anyMatch(r -> r.value().jobId().equals(next)
                                && r.value().type() == JobEventType.COMPLETED), WAIT)
                .stream().map(ConsumerRecord::value).filter(e -> e.jobId().equals(job)).toList();
        assertEquals(List.of(JobEventType.ACCEPTED, JobEventType.CANCELLED),
                events.stream().map(JobEvent::type).toList(), events.toString());
        JobEvent cancelled = events.get(1);
        assertEquals(5, cancelled.done());
        assertEquals(5, cancelled.total());
        assertTrue(cancelled.message().contains("asked by a test"), cancelled.message());
    }

    @Test
    void aMalformedControlRecordIsDeadLettered() {
        ConsumerRecord<String, byte[]> dead = assertDeadLettered(Topics.JOB_CONTROL, "tokenizer",
                "{\"jobId\":\"job-1\",\"action\":\"EXPLODE\"}");
        assertTrue(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                .contains("malformed job control request"));
    }

    @Test
    void aCorruptChunkMessageIsDeadLettered() {
        assertDeadLettered(Topics.CHUNKS, "tokenizer", "{\"type\":\"chunk\",");
    }
}
