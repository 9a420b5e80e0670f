package io.gitlore.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.RepositoryIds;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.fixtures.GatewayProcess;
import io.gitlore.gateway.fixtures.RunRecords;
import io.gitlore.local.kafka.EmbeddedKafka;
import io.gitlore.testsupport.FixtureRepo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway, killed with SIGKILL and started again on the same data directory and broker, finds every
 * job as it was (completed with its report and manifest, running, cancelled), replays the same event streams, and
 * goes on with a running job's next event without storing any event twice.
 */
class GatewayRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aKilledGatewayComesBackWithEveryJobAsItWas() throws Exception {
        Path base = Files.createDirectories(Path.of("target/restart-it").toAbsolutePath()
                .resolve(UUID.randomUUID().toString()));
        Path repository = base.resolve("repos/demo");
        try (FixtureRepo repo = FixtureRepo.init(repository)) {
            repo.write("src/lib.rs", "pub fn parse() {}\n").commit("parse");
        }
        Path jar = Path.of(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged gateway is at " + jar);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            GatewayProcess first = GatewayProcess.start(jar, kafka.bootstrapServers(), base.resolve("data"),
                    base.resolve("repos"), base.resolve("first.log"));
            String done = submit(first, repository);
            String running = submit(first, repository);
            String cancelled = submit(first, repository);
            String repositoryId = RepositoryIds.of(repository.toRealPath().toString());
            for (JobEvent event : RunRecords.completedRun(done, repositoryId)) {
                producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, done, Json.write(event))).get();
            }
            producer.send(new ProducerRecord<>(Topics.DATASETS_READY, done,
                    Json.write(RunRecords.ready(done, repositoryId, "/data/jobs/" + done + "/dataset")))).get();
            producer.send(new ProducerRecord<>(Topics.TRAINING_REPORTS, done,
                    Json.write(RunRecords.report(done, repositoryId)))).get();
            producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, running, Json.write(JobEvent.of(running, "scrape",
                    JobEventType.PROGRESS, 3, 10, "3/10 commits", null)))).get();
            assertEquals(202, first.send("DELETE", "/api/v1/jobs/" + cancelled, null).statusCode());
            await(first, "/api/v1/jobs/" + done, j -> j.path("report").asBoolean());
            await(first, "/api/v1/jobs/" + done + "/manifest", m -> m.path("stages").path("dataset").has("directory"));
            await(first, "/api/v1/jobs/" + running, j -> "RUNNING".equals(j.path("status").asText()));

            String jobs = first.get("/api/v1/jobs");
            String manifest = first.get("/api/v1/jobs/" + done + "/manifest");
            String report = first.get("/api/v1/reports/" + done);
            String replay = events(first, done);
            assertEquals(3, Json.MAPPER.readTree(jobs).size());
            first.kill();

            try (GatewayProcess second = GatewayProcess.start(jar, kafka.bootstrapServers(), base.resolve("data"),
                    base.resolve("repos"), base.resolve("second.log"))) {
                assertEquals(Json.MAPPER.readTree(jobs), Json.MAPPER.readTree(second.get("/api/v1/jobs")));
                assertEquals(Json.MAPPER.readTree(manifest),
                        Json.MAPPER.readTree(second.get("/api/v1/jobs/" + done + "/manifest")));
                assertEquals(Json.MAPPER.readTree(report), Json.MAPPER.readTree(second.get("/api/v1/reports/"
                        + done)));
                assertEquals(replay, events(second, done));
                assertEquals("CANCELLED", Json.MAPPER.readTree(second.get("/api/v1/jobs/" + cancelled))
                        .path("status").asText());
                assertEquals(409, second.send("DELETE", "/api/v1/jobs/" + cancelled, null).statusCode());

                producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, running, Json.write(JobEvent.of(running,
                        "scrape", JobEventType.COMPLETED, 10, 10, "10 commits", null)))).get();
                JsonNode after = await(second, "/api/v1/jobs/" + running,
                        j -> "COMPLETED".equals(j.path("stages").path(0).path("state").asText()));
                assertEquals(2, after.path("stages").path(0).path("events").asInt(), "each event stored once");
            }
        }
    }

    private static String submit(GatewayProcess gateway, Path repository) throws Exception {
        var answer = gateway.send("POST", "/api/v1/jobs", Json.MAPPER.writeValueAsString(Map.of("repository",
                repository.toString())));
        assertEquals(202, answer.statusCode(), answer.body());
        return Json.MAPPER.readTree(answer.body()).path("jobId").asText();
    }

    /** The job's Server-Sent Events, replayed whole (the job has ended, so the stream ends). */
    private static String events(GatewayProcess gateway, String job) throws Exception {
        return String.join("\n", gateway.get("/api/v1/jobs/" + job + "/events").lines()
                .filter(l -> l.startsWith("data:")).toList());
    }

    private static JsonNode await(GatewayProcess gateway, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            var answer = gateway.send("GET", path, null);
            if (answer.statusCode() == 200) {
                last = Json.MAPPER.readTree(answer.body());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never reached the expected state: " + last + "\n" + gateway.logTail());
    }
}
