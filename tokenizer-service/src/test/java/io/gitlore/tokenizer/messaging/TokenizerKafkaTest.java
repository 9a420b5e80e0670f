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
import io.gitlore.contracts.serde.DatasetReadyDeserializer;
import io.gitlore.contracts.serde.Json;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.gitlore.tokenizer.dataset.DatasetBuilderTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The tokenizer-service against a real Kafka broker: chunks in, datasets.ready out, shards readable. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TokenizerKafkaTest extends ServiceKafkaTestBase {

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

    @Test
    void aCorruptChunkMessageIsDeadLettered() {
        assertDeadLettered(Topics.CHUNKS, "tokenizer", "{\"type\":\"chunk\",");
    }
}
