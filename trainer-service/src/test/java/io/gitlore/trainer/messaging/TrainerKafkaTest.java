package io.gitlore.trainer.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.gitlore.trainer.TrainerFixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The trainer-service against a real Kafka broker: dataset ready in, report and events out, the model directory
 * complete, generation and the model list over HTTP; empty, corrupt and poison inputs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class TrainerKafkaTest extends ServiceKafkaTestBase {

    private static final Duration TRAINING = Duration.ofMinutes(5);

    private void send(DatasetReady ready) {
        kafka.produce(String.class, byte[].class).fromRecords(
                new ProducerRecord<>(Topics.DATASETS_READY, ready.jobId(), Json.write(ready))).awaitCompletion();
    }

    /** Reads {@code topic} from its start until a record with key {@code job} satisfies {@code done}. */
    private <T> List<T> collect(String topic, String job, Class<T> type, java.util.function.Predicate<List<T>> done,
                                Duration timeout) {
        var task = kafka.consume(String.class, byte[].class).fromTopics(topic);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                List<T> mine = task.getRecords().stream().filter(r -> job.equals(r.key()))
                        .map(r -> Json.read(r.value(), type)).toList();
                if (done.test(mine)) {
                    return mine;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no matching record for job " + job + " on " + topic + " within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            task.stop();
        }
    }

    private TrainingReport awaitReport(String job) {
        return collect(Topics.TRAINING_REPORTS, job, TrainingReport.class, l -> !l.isEmpty(), TRAINING).get(0);
    }

    private List<JobEvent> events(String job, JobEventType until) {
        return collect(Topics.JOB_EVENTS, job, JobEvent.class, l -> l.stream().anyMatch(e -> e.type() == until), WAIT);
    }

    @Test
    void aDatasetIsTrainedReportedAndServedForGeneration() throws Exception {
        String job = UUID.randomUUID().toString();
        Path work = Files.createDirectories(Path.of("target/test-data/inputs").resolve(job));
        send(TrainerFixtures.dataset(work, job, 40));

        TrainingReport report = awaitReport(job);
        assertEquals(TrainingReport.Status.COMPLETED, report.status(), report.reason());
        assertEquals(12, report.run().stepsDone());
        Path model = Path.of(report.modelDirectory());
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "training_report.json",
                "loss.png")) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file);
        }
        List<JobEvent> events = events(job, JobEventType.COMPLETED);
        assertTrue(events.stream().anyMatch(e -> e.type() == JobEventType.ACCEPTED && e.stage().equals("training")));
        assertTrue(events.stream().anyMatch(e -> e.type() == JobEventType.PROGRESS));
        assertTrue(events.stream().anyMatch(e -> e.type() == JobEventType.COMPLETED
                && e.message().contains("test perplexity")));

        given().get("/api/models").then().statusCode(200).body("jobId", hasItem(job));
        given().contentType(ContentType.JSON)
                .body("{\"prompt\":\"public final class\",\"maxTokens\":8,\"temperature\":0,\"jobId\":\"" + job + "\"}")
                .post("/api/generate").then().statusCode(200)
                .body("done", org.hamcrest.Matchers.is(true)).body("tokens", org.hamcrest.Matchers.is(8))
                .body("stoppedBy", org.hamcrest.Matchers.is("max_tokens"));
        String sse = given().contentType(ContentType.JSON).accept("text/event-stream")
                .body("{\"prompt\":\"import java.util.\",\"maxTokens\":6,\"temperature\":0.8,\"seed\":1}")
                .post("/api/generate").then().statusCode(200).extract().asString();
        assertTrue(sse.contains("data:") && sse.contains("\"done\":true"), sse);
        given().contentType(ContentType.JSON).body("{\"prompt\":\"\",\"maxTokens\":0}").post("/api/generate")
                .then().statusCode(400).body(containsString("prompt must not be blank"));
        given().contentType(ContentType.JSON).body("{\"prompt\":\"x\",\"jobId\":\"no-such-job\"}")
                .post("/api/generate").then().statusCode(400).body(containsString("has no trained model"));

        stopSequencesAndTheContextLimit(job);

        // The same record again (a redelivery): the report is published again, the model is not retrained.
        send(TrainerFixtures.dataset(work.resolve("again"), job, 40));
        long modified = Files.getLastModifiedTime(model.resolve("model.safetensors")).toMillis();
        Thread.sleep(2000);
        assertEquals(modified, Files.getLastModifiedTime(model.resolve("model.safetensors")).toMillis());
    }

    /**
     * A stop sequence whose first character ends one streamed piece and whose second starts the next: streamed and
     * whole, the completion ends before it, and no piece ever carried its first character; a prompt that fills the
     * model's context gets what room is left, and the response says so.
     */
    private void stopSequencesAndTheContextLimit(String job) throws Exception {
        String request = "{\"prompt\":\"public final class\",\"maxTokens\":32,\"temperature\":1.0,\"topK\":0,"
                + "\"topP\":1,\"seed\":5,\"jobId\":\"" + job + "\"%s}";
        List<JsonNode> free = streamed(request.formatted(""));
        String completion = free.get(free.size() - 1).get("completion").asText();
        assertEquals("max_tokens", free.get(free.size() - 1).get("stoppedBy").asText());
        List<String> pieces = free.subList(0, free.size() - 1).stream().map(e -> e.get("text").asText()).toList();
        assertEquals(completion, String.join("", pieces));
        String stop = null;
        int at = 0;
        for (int i = 0; stop == null && i + 1 < pieces.size(); i++) {
            at += pieces.get(i).length();
            String candidate = completion.substring(at - 1, at + 1);
            stop = at > 1 && completion.indexOf(candidate) == at - 1 ? candidate : null;
        }
        assertTrue(stop != null, "no two-character stop sequence across pieces in " + pieces);
        String expected = completion.substring(0, at - 1);
        String withStop = request.formatted(",\"stop\":[\"x-never\"," + Json.MAPPER.writeValueAsString(stop) + "]");

        List<JsonNode> cut = streamed(withStop);
        JsonNode end = cut.get(cut.size() - 1);
        assertEquals("stop", end.get("stoppedBy").asText());
        assertEquals(expected, end.get("completion").asText());
        assertEquals(expected, String.join("", cut.subList(0, cut.size() - 1).stream()
                .map(e -> e.get("text").asText()).toList()), "the stream sent nothing of the stop sequence");
        given().contentType(ContentType.JSON).body(withStop).post("/api/generate").then().statusCode(200)
                .body("completion", org.hamcrest.Matchers.is(expected))
                .body("stoppedBy", org.hamcrest.Matchers.is("stop"));

        // The tiny model's context is 256 tokens: a longer prompt keeps its last 255, leaving room for one.
        given().contentType(ContentType.JSON).body("{\"prompt\":\"" + "public final class Foo ".repeat(150)
                        + "\",\"maxTokens\":8,\"temperature\":0,\"jobId\":\"" + job + "\"}")
                .post("/api/generate").then().statusCode(200).body("tokens", org.hamcrest.Matchers.is(1))
                .body("stoppedBy", org.hamcrest.Matchers.is("length"));
    }

    private static List<JsonNode> streamed(String body) {
        String sse = given().contentType(ContentType.JSON).accept("text/event-stream").body(body)
                .post("/api/generate").then().statusCode(200).extract().asString();
        return sse.lines().filter(l -> l.startsWith("data:")).map(l -> Json.read(
                l.substring(5).getBytes(StandardCharsets.UTF_8), JsonNode.class)).toList();
    }

    @Test
    void anEmptyDatasetCompletesWithNothingToTrainOn() {
        String job = UUID.randomUUID().toString();
        send(new DatasetReady(job, "repo", "/nowhere", null, true, "no commits with code"));
        TrainingReport report = awaitReport(job);
        assertEquals(TrainingReport.Status.EMPTY, report.status());
        assertTrue(events(job, JobEventType.COMPLETED).stream().anyMatch(e -> e.type() == JobEventType.COMPLETED
                && e.message().contains("nothing to train on")));
    }

    @Test
    void aCorruptShardFailsTheJobNamingTheFile() throws Exception {
        String job = UUID.randomUUID().toString();
        Path work = Files.createDirectories(Path.of("target/test-data/inputs").resolve(job));
        DatasetReady ready = TrainerFixtures.dataset(work, job, 20);
        Path shard = Path.of(ready.directory()).resolve("train.tokens.bin");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[0] ^= 1;
        Files.write(shard, bytes);
        send(ready);
        TrainingReport report = awaitReport(job);
        assertEquals(TrainingReport.Status.FAILED, report.status());
        assertTrue(report.reason().contains("train.tokens.bin") && report.reason().contains("SHA-256"),
                report.reason());
        assertTrue(events(job, JobEventType.FAILED).stream().anyMatch(e -> e.type() == JobEventType.FAILED));
    }

    @Test
    void aCancellationOnTheControlTopicIsRecordedAndTheJobIsNotTrained() throws Exception {
        String job = UUID.randomUUID().toString();
        kafka.produce(String.class, byte[].class).fromRecords(new ProducerRecord<>(Topics.JOB_CONTROL, job,
                Json.write(JobControl.cancel(job, "asked by a test")))).awaitCompletion();
        Path marker = Path.of("target/test-data/jobs", job, Cancellations.MARKER);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(marker), "the control consumer records the cancellation");

        Path work = Files.createDirectories(Path.of("target/test-data/inputs").resolve(job));
        send(TrainerFixtures.dataset(work, job, 10));
        List<JobEvent> events = events(job, JobEventType.CANCELLED);
        assertTrue(events.stream().noneMatch(e -> e.type() == JobEventType.ACCEPTED), events.toString());
        assertTrue(!Files.exists(Path.of("target/test-data/jobs", job, "model")), "nothing trained");
        assertDeadLettered(Topics.JOB_CONTROL, "trainer", "{\"jobId\":\"../../x\",\"action\":\"CANCEL\"}");
    }

    @Test
    void aMalformedRecordIsDeadLetteredWithItsBytes() {
        assertDeadLettered(Topics.DATASETS_READY, "trainer", "{not a dataset");
        String poison = "{not a dataset either";
        assertEquals(poison, new String(poison.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
