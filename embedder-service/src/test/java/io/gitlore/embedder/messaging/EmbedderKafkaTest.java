package io.gitlore.embedder.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gitlore.contracts.Topics;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.JobEventDeserializer;
import io.gitlore.contracts.serde.Json;
import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.testsupport.ChunkRecords;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The embedder-service against a real Kafka broker: chunks in, searchable over HTTP, poison dead-lettered. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class EmbedderKafkaTest extends ServiceKafkaTestBase {

    @Inject
    EmbedderConfig config;

    @Test
    void chunksInSearchableOut() {
        String job = UUID.randomUUID().toString();
        String repo = "kafka-" + job.substring(0, 8);
        List<ChunkRecord> chunks = List.of(
                ChunkRecords.chunk(job, repo, job + "-1", "src/config.rs", "pub fn load_config(path: &Path) -> Config { toml::from_str(&read(path)) }"),
                ChunkRecords.chunk(job, repo, job + "-2", "src/net/socket.rs", "pub fn connect(addr: SocketAddr) -> TcpStream { TcpStream::connect(addr).unwrap() }"),
                ChunkRecords.chunk(job, repo, job + "-3", "src/render.rs", "fn draw_progress_bar(done: u64, total: u64) { print!(\"{}/{}\", done, total) }"),
                ChunkRecords.chunk(job, repo, job + "-4", "src/hash.rs", "fn sha256_digest(bytes: &[u8]) -> [u8; 32] { Sha256::digest(bytes).into() }"),
                ChunkRecords.chunk(job, repo, job + "-5", "src/blank.rs", "  \n"),
                ChunkRecords.chunk(job, repo, job + "-6", "docs/usage.md", "## Usage\nRun the tool with a path to the configuration file."));
        chunks.forEach(c -> topics().produce(Topics.CHUNKS, repo, Json.write(c)));
        topics().produce(Topics.CHUNKS, repo, Json.write(new ChunkingStats(job, repo, 6, 6, 6, Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of(), 0, 0, 0, 1)));

        List<JobEvent> events = topics().read(Topics.JOB_EVENTS, new JobEventDeserializer(),
                        records -> records.stream().anyMatch(r -> isEmbedEnd(r, job)), WAIT)
                .stream().map(ConsumerRecord::value).filter(e -> e.jobId().equals(job) && e.stage().equals("embed"))
                .toList();
        JobEvent done = events.stream().filter(e -> e.type().terminal()).findFirst().orElseThrow();
        assertEquals(JobEventType.COMPLETED, done.type(), done.message());
        // Text first: the job's text is searchable (vectors done/total in the event) before it completes.
        JobEvent searchable = events.stream().filter(e -> Boolean.TRUE.equals(e.details().get("searchable")))
                .findFirst().orElseThrow();
        assertTrue(events.indexOf(searchable) < events.indexOf(done));
        assertEquals(5, searchable.total());
        assertEquals(5, ((Number) done.details().get("vectorsDone")).intValue());
        assertEquals(5, ((Number) done.details().get("points")).intValue());
        assertEquals(1, ((Number) done.details().get("skippedEmpty")).intValue());

        given().queryParam("repository", repo).queryParam("q", "open a tcp connection to an address")
                .queryParam("k", 3).when().get("/api/search")
                .then().statusCode(200)
                .body("store", equalTo("lucene"))
                .body("mode", equalTo("hybrid"))
                .body("hits[0].path", equalTo("src/net/socket.rs"))
                .body("hits[0].metadata.path", equalTo("src/net/socket.rs"))
                .body("hits[0].status", equalTo("history"))
                .body("hits[0].history[0].commit", equalTo("c0ffee" + job + "-2"))
                .body("hits[0].history[0].subject", equalTo("subject of " + job + "-2"))
                .body("hits[0].content", containsString("TcpStream"));
        // POST takes the same fields as JSON, with the query as "query" or "q".
        given().contentType("application/json").body("{\"repository\":\"" + repo + "\",\"q\":\"open a tcp "
                        + "connection to an address\",\"k\":2}").when().post("/api/search")
                .then().statusCode(200).body("query", equalTo("open a tcp connection to an address"))
                .body("hits.size()", equalTo(2)).body("hits[0].path", equalTo("src/net/socket.rs"));
        given().queryParam("repository", repo).queryParam("q", "configuration").queryParam("mode", "bm25")
                .queryParam("path", "docs").when().get("/api/search")
                .then().statusCode(200).body("hits.size()", equalTo(1))
                .body("hits[0].metadata.path", equalTo("docs/usage.md"));
        given().when().get("/api/repositories/" + repo).then().statusCode(200).body("points", equalTo(5));
    }

    private static boolean isEmbedEnd(ConsumerRecord<String, JobEvent> r, String job) {
        JobEvent e = r.value();
        return e.jobId().equals(job) && e.stage().equals("embed")
                && (e.type() == JobEventType.COMPLETED || e.type() == JobEventType.FAILED);
    }

    /** The job's embed events once {@code last}'s stream has ended (a later job of the same partition). */
    private List<JobEvent> embedEvents(String job, String last) {
        return topics().read(Topics.JOB_EVENTS, new JobEventDeserializer(),
                        records -> records.stream().anyMatch(r -> isEmbedEnd(r, last)), WAIT)
                .stream().map(ConsumerRecord::value).filter(e -> e.jobId().equals(job) && e.stage().equals("embed"))
                .toList();
    }

    private static ChunkingStats end(String job, String repo, long emitted, String cancelled) {
        return new ChunkingStats(job, repo, emitted, emitted, emitted, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), 0, 0, 0, 1, cancelled);
    }

    /** A job of one chunk on the repository's partition: once it has ended, everything sent before it is taken. */
    private String oneChunkJob(String repo, String path, String code) {
        String job = UUID.randomUUID().toString();
        topics().produce(Topics.CHUNKS, repo, List.of(Json.write(ChunkRecords.chunk(job, repo, job + "-1", path, code)),
                Json.write(end(job, repo, 1, null))));
        return job;
    }

    /** Sends a real cancel and waits until this service's control consumer has recorded it. */
    private void cancel(String job) {
        topics().produce(Topics.JOB_CONTROL, job, Json.write(JobControl.cancel(job, "asked by a test")));
        Awaitility.await().atMost(WAIT).until(() -> Cancellations.isCancelled(config.dataDir(), job));
    }

    /**
     * Three chunks are taken, then a real cancel, then the chunker's end marker of a cancelled stream and two chunks
     * still in flight: one cancelled event with done/total, nothing after the cancel stored, and a stream that comes
     * after its cancel ends at once; a later job of the same repository completes.
     */
    @Test
    void aJobCancelledMidStreamStopsDropsWhatFollowsAndALaterJobCompletes() {
        String job = UUID.randomUUID().toString();
        String repo = "cancel-" + job.substring(0, 8);
        List<byte[]> stream = java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(i -> Json.write(ChunkRecords.chunk(
                job, repo, job + "-" + i, "src/part" + i + ".rs", "fn part_" + i + "(x: u32) -> u32 { x * " + i + " }")))
                .toList();
        topics().produce(Topics.CHUNKS, repo, stream.subList(0, 3));
        String first = oneChunkJob(repo, "src/first.rs", "fn first_job() -> bool { true }");
        embedEvents(first, first);
        cancel(job);
        topics().produce(Topics.CHUNKS, repo, List.of(Json.write(end(job, repo, 3, "asked by a test")), stream.get(3),
                stream.get(4)));
        String late = UUID.randomUUID().toString();
        cancel(late);
        topics().produce(Topics.CHUNKS, repo, List.of(Json.write(ChunkRecords.chunk(late, repo, late + "-1",
                "src/late.rs", "fn late_job() {}")), Json.write(end(late, repo, 1, null))));
        String next = oneChunkJob(repo, "src/next.rs", "fn next_job(y: u64) -> u64 { y + 1 }");

        List<JobEvent> after = embedEvents(next, next);
        assertEquals(JobEventType.COMPLETED, after.get(after.size() - 1).type(), after.toString());
        List<JobEvent> events = embedEvents(job, next);
        assertEquals(JobEventType.ACCEPTED, events.get(0).type());
        List<JobEvent> ends = events.stream().filter(e -> e.type().terminal()).toList();
        assertEquals(1, ends.size(), events.toString());
        JobEvent cancelled = ends.get(0);
        assertEquals(JobEventType.CANCELLED, cancelled.type());
        assertEquals(3, cancelled.done());
        assertEquals(3, cancelled.total());
        assertTrue(cancelled.message().contains("asked by a test"), cancelled.message());
        List<JobEvent> lateEvents = embedEvents(late, next);
        assertEquals(List.of(JobEventType.CANCELLED), lateEvents.stream().map(JobEvent::type).toList());
        assertEquals(0, lateEvents.get(0).done());
        // The three chunks taken stay stored (the index is the repository's); nothing sent after the cancel is.
        given().when().get("/api/repositories/" + repo).then().statusCode(200).body("points", equalTo(5));
        given().queryParam("repository", repo).queryParam("q", "late_job").queryParam("mode", "bm25").when()
                .get("/api/search").then().statusCode(200).body("hits.path", org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.hasItem("src/late.rs")));
    }

    @Test
    void aMalformedControlRecordIsDeadLettered() {
        ConsumerRecord<String, byte[]> dead = assertDeadLettered(Topics.JOB_CONTROL, "embedder",
                "{\"jobId\":\"job-1\",\"action\":\"EXPLODE\"}");
        assertTrue(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                .contains("malformed job control request"));
    }

    @Test
    void badSearchRequestsGet400WithTheReason() {
        given().queryParam("q", "x").when().get("/api/search").then().statusCode(400)
                .body("error", containsString("repository is required"));
        given().queryParam("repository", "r").queryParam("q", " ").when().get("/api/search").then().statusCode(400)
                .body("error", equalTo("query (or q) must not be empty"));
        given().queryParam("repository", "r").queryParam("q", "x").queryParam("k", "ten").when().get("/api/search")
                .then().statusCode(400).body("error", equalTo("k must be a number, not 'ten'"));
        given().queryParam("repository", "r").queryParam("q", "x").queryParam("mode", "magic").when()
                .get("/api/search").then().statusCode(400).body("error", containsString("hybrid, vector or bm25"));
        given().queryParam("repository", "r").queryParam("q", "x").queryParam("since", "yesterday").when()
                .get("/api/search").then().statusCode(400).body("error", containsString("ISO-8601"));
        given().contentType("application/json").body("{\"repository\":\"r\",\"query\":\"x\",\"k\":0}").when()
                .post("/api/search").then().statusCode(400).body("error", equalTo("k must be between 1 and 1000, not 0"));
        given().contentType("application/json").body("{\"repository\":\"r\",\"query\":").when()
                .post("/api/search").then().statusCode(400).body("error", containsString("malformed JSON"));
        given().contentType("application/json").body("{\"repository\":\"r\",\"query\":\"x\",\"k\":\"ten\"}").when()
                .post("/api/search").then().statusCode(400).body("error", containsString("does not fit a search request"));
    }

    @Test
    void anUnknownRepositoryIs404WithTheReason() {
        given().queryParam("repository", "never-indexed").queryParam("q", "x").when().get("/api/search").then()
                .statusCode(404).body("error", containsString("no index for repository 'never-indexed'"));
        given().contentType("application/json").body("{\"repository\":\"never-indexed\",\"q\":\"x\"}").when()
                .post("/api/search").then().statusCode(404).body("error", containsString("never-indexed"));
        given().when().get("/api/repositories/never-indexed").then().statusCode(404)
                .body("error", containsString("never-indexed"));
    }

    @Test
    void aCorruptChunkMessageIsDeadLetteredAndTheStreamGoesOn() {
        ConsumerRecord<String, byte[]> dead = assertDeadLettered(Topics.CHUNKS, "embedder", "{\"type\":\"chunk\",");
        assertTrue(dead.headers().lastHeader("dead-letter-reason") != null);
    }
}
