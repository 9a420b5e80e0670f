package io.gitlore.gateway.messaging;

import static io.gitlore.gateway.fixtures.Api.KEY;
import static io.gitlore.gateway.fixtures.Api.api;
import static io.gitlore.gateway.fixtures.Api.awaitJob;
import static io.gitlore.gateway.fixtures.Api.fixtureRepository;
import static io.gitlore.gateway.fixtures.Api.sleep;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.gitlore.contracts.RepositoryIds;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.gateway.metrics.ConsumerLag;
import jakarta.inject.Inject;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The gateway against a real Kafka broker: a job submitted over HTTP is a scrape request on the topic; the stages'
 * events (produced here as the stages would) become the job's state and its SSE stream, live and replayed; a
 * training report becomes {@code /reports/{id}}; poison on either consumed topic is dead-lettered with its bytes.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class GatewayKafkaTest extends ServiceKafkaTestBase {

    private static final List<String> STAGES = List.of("scrape", "chunk", "dataset", "embed", "training");

    @TestHTTPResource("/api/v1/jobs")
    URI jobsUrl;

    @Inject
    ConsumerLag lag;

    void publish(JobEvent... events) {
        topics().produce(Topics.JOB_EVENTS, events[0].jobId(), java.util.Arrays.stream(events).map(Json::write)
                .toList());
    }

    @Test
    void aJobIsPublishedFollowedLiveAndReported() throws Exception {
        Path repository = fixtureRepository();
        var accepted = api().contentType(ContentType.JSON)
                .body(Map.of("repository", repository.toString(), "refs", List.of("refs/heads/*")))
                .post("/api/v1/jobs").then().statusCode(202).body("status", equalTo("QUEUED"));
        String job = accepted.extract().path("jobId");
        accepted.header("Location", endsWith("/api/v1/jobs/" + job));

        ConsumerRecord<String, byte[]> sent = topics().readRaw(Topics.SCRAPE_REQUESTED,
                records -> records.stream().anyMatch(r -> job.equals(r.key())), WAIT).stream()
                .filter(r -> job.equals(r.key())).findFirst().orElseThrow();
        ScrapeRequest request = Json.read(sent.value(), ScrapeRequest.class);
        assertEquals(job, request.jobId());
        assertEquals(repository.toRealPath().toString(), request.repository());
        assertEquals(List.of("refs/heads/*"), request.refs());

        api().get("/api/v1/jobs/" + job).then().statusCode(200).body("status", equalTo("QUEUED"))
                .body("repository", equalTo(repository.toRealPath().toString()))
                .body("repositoryId", equalTo(RepositoryIds.of(repository.toRealPath().toString())));
        api().get("/api/v1/reports/" + job).then().statusCode(404).body("error", containsString("no training report"));

        publish(JobEvent.of(job, "scrape", JobEventType.ACCEPTED, 0, -1, "scraping", null),
                JobEvent.of(job, "scrape", JobEventType.PROGRESS, 5, 10, "5 of 10 commits", null));
        awaitJob(job, json -> "PROGRESS".equals(json.getString("stages[0].state")))
                .body("status", equalTo("RUNNING")).body("stages[0].stage", equalTo("scrape"))
                .body("stages[0].done", equalTo(5)).body("stages[0].total", equalTo(10))
                .body("stages[0].message", equalTo("5 of 10 commits")).body("stages[0].events", equalTo(2));

        // Follow the job while the rest of its events arrive: the stored ones are replayed, then the live ones.
        CompletableFuture<HttpResponse<String>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(jobsUrl + "/" + job + "/events")).header("X-API-Key", KEY)
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        publish(JobEvent.of(job, "scrape", JobEventType.COMPLETED, 10, 10, "10 commits", null));
        for (String stage : STAGES.subList(1, STAGES.size())) {
            publish(JobEvent.of(job, stage, JobEventType.ACCEPTED, 0, -1, stage + " started", null),
                    JobEvent.of(job, stage, JobEventType.COMPLETED, 1, 1, stage + " done", Map.of("n", 1)));
        }
        // Every stage completed, but the training report (its own topic) is not here yet: the job is not over.
        awaitJob(job, json -> "COMPLETED".equals(json.getString("stages[4].state")))
                .body("status", equalTo("RUNNING")).body("report", equalTo(false));
        Thread.sleep(500);
        assertFalse(stream.isDone(), "the event stream waits for the report");

        TrainingReport report = new TrainingReport(job, request.repository(), TrainingReport.Status.COMPLETED, null,
                "/data/jobs/" + job + "/model", null, null, null, null, null, null, null, java.time.Instant.now());
        topics().produce(Topics.TRAINING_REPORTS, job, Json.write(report));
        HttpResponse<String> sse = stream.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, sse.statusCode());
        List<String> data = sse.body().lines().filter(l -> l.startsWith("data:")).toList();
        assertEquals(2 + 1 + 2 * (STAGES.size() - 1), data.size(), sse.body());
        assertTrue(data.get(0).contains("\"ACCEPTED\"") && data.get(0).contains("scraping"), data.get(0));
        assertTrue(data.get(data.size() - 1).contains("training done"), data.get(data.size() - 1));

        api().get("/api/v1/jobs/" + job).then().body("status", equalTo("COMPLETED"))
                .body("stages.stage", equalTo(STAGES)).body("stages[0].done", equalTo(10))
                .body("report", equalTo(true));
        api().get("/api/v1/jobs").then().statusCode(200).body("jobId", hasItem(job));

        // A finished job's stream is its whole history, then the end.
        String replay = api().accept("text/event-stream").get("/api/v1/jobs/" + job + "/events").then()
                .statusCode(200).extract().asString();
        assertEquals(data.size(), replay.lines().filter(l -> l.startsWith("data:")).count(), replay);

        api().get("/api/v1/reports/" + job).then().statusCode(200).body("jobId", equalTo(job))
                .body("status", equalTo("COMPLETED")).body("modelDirectory", equalTo("/data/jobs/" + job + "/model"));
        api().get("/api/v1/jobs/" + job).then().body("report", equalTo(true));
    }

    @Test
    void aCloneUrlOnTheAllowlistIsPublishedAsItIs() {
        String url = "https://203.0.113.7/team/demo.git";
        String job = api().contentType(ContentType.JSON).body(Map.of("repository", url)).post("/api/v1/jobs").then()
                .statusCode(202).extract().path("jobId");
        ScrapeRequest request = Json.read(topics().readRaw(Topics.SCRAPE_REQUESTED,
                records -> records.stream().anyMatch(r -> job.equals(r.key())), WAIT).stream()
                .filter(r -> job.equals(r.key())).findFirst().orElseThrow().value(), ScrapeRequest.class);
        assertEquals(url, request.repository());
        api().get("/api/v1/jobs/" + job).then().body("repositoryId", equalTo(RepositoryIds.of(url)));
    }

    @Test
    void aFailedStageFailsTheJobAndEndsItsStream() {
        String job = api().contentType(ContentType.JSON).body(Map.of("repository", fixtureRepository().toString()))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("jobId");
        publish(JobEvent.of(job, "scrape", JobEventType.ACCEPTED, 0, -1, "scraping", null),
                JobEvent.of(job, "scrape", JobEventType.FAILED, 0, -1, "repository vanished", null));
        awaitJob(job, json -> "FAILED".equals(json.getString("status")))
                .body("error", equalTo("[scrape] repository vanished"));
        String sse = api().accept("text/event-stream").get("/api/v1/jobs/" + job + "/events").then()
                .statusCode(200).extract().asString();
        assertEquals(2, sse.lines().filter(l -> l.startsWith("data:")).count(), sse);
    }

    @Test
    void aCancelledJobAsksEveryStageToStopAndEndsItsStream() throws Exception {
        String job = api().contentType(ContentType.JSON).body(Map.of("repository", fixtureRepository().toString()))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("jobId");
        publish(JobEvent.of(job, "scrape", JobEventType.ACCEPTED, 0, -1, "scraping", null));
        awaitJob(job, json -> "RUNNING".equals(json.getString("status")));
        CompletableFuture<HttpResponse<String>> stream = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(jobsUrl + "/" + job + "/events")).header("X-API-Key", KEY)
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());

        api().queryParam("reason", "wrong repository").delete("/api/v1/jobs/" + job).then().statusCode(202)
                .body("status", equalTo("CANCELLED")).body("error", equalTo("[gateway] cancelled: wrong repository"))
                .body("stages.stage", hasItem("gateway"));
        ConsumerRecord<String, byte[]> sent = topics().readRaw(Topics.JOB_CONTROL,
                records -> records.stream().anyMatch(r -> job.equals(r.key())), WAIT).stream()
                .filter(r -> job.equals(r.key())).findFirst().orElseThrow();
        JobControl control = Json.read(sent.value(), JobControl.class);
        assertEquals(JobControl.Action.CANCEL, control.action());
        assertEquals("wrong repository", control.reason());
        String sse = stream.get(WAIT.toSeconds(), TimeUnit.SECONDS).body();
        List<String> data = sse.lines().filter(l -> l.startsWith("data:")).toList();
        assertEquals(2, data.size(), sse);
        assertTrue(data.get(1).contains("\"CANCELLED\""), sse);

        api().delete("/api/v1/jobs/" + job).then().statusCode(409).body("error", containsString("already ended"));
        // The stage says it stopped: its state shows it, the job stays cancelled.
        publish(JobEvent.of(job, "scrape", JobEventType.CANCELLED, 3, 10, "scrape cancelled at commit 3", null));
        awaitJob(job, json -> "CANCELLED".equals(json.getString("stages[0].state")))
                .body("status", equalTo("CANCELLED"));

        api().delete("/api/v1/jobs/" + UUID.randomUUID()).then().statusCode(404);
        api().queryParam("reason", "x".repeat(501)).delete("/api/v1/jobs/" + job).then().statusCode(400)
                .body("error", containsString("reason must be at most 500 characters"));
        String done = api().contentType(ContentType.JSON).body(Map.of("repository", fixtureRepository().toString()))
                .post("/api/v1/jobs").then().statusCode(202).extract().path("jobId");
        publish(JobEvent.of(done, "scrape", JobEventType.FAILED, 0, -1, "no such ref", null));
        awaitJob(done, json -> "FAILED".equals(json.getString("status")));
        api().delete("/api/v1/jobs/" + done).then().statusCode(409).body("error", containsString("FAILED"));
    }

    @Test
    void everyRouteWantsTheKeyAndABadKeyIsForbidden() {
        for (String path : List.of("/api/v1/jobs", "/api/v1/jobs/x", "/api/v1/jobs/x/events", "/api/v1/reports/x",
                "/api/v1/jobs/x/manifest", "/api/v1/models", "/api/v1/no-such-route")) {
            given().get(path).then().statusCode(401).body("error", containsString("X-API-Key"));
            given().header("X-API-Key", "wrong").get(path).then().statusCode(403);
            given().header("X-API-Key", KEY + "x").get(path).then().statusCode(403);
        }
        for (String path : List.of("/api/v1/jobs", "/api/v1/search", "/api/v1/context", "/api/v1/generate")) {
            given().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(401);
            given().header("X-API-Key", "wrong").contentType(ContentType.JSON).body("{}").post(path).then()
                    .statusCode(403);
        }
        given().delete("/api/v1/jobs/x").then().statusCode(401);
        given().header("X-API-Key", "wrong").delete("/api/v1/jobs/x").then().statusCode(403);
        // Spellings the router decodes or normalises to an API route are guarded as that route.
        for (String path : List.of("/%61pi/v1/jobs", "/api/v1/%6Aobs", "/api/v1/jobs%2F", "//api/v1/jobs",
                "/./api/v1/jobs", "/x/../api/v1/jobs", "/API/v1/jobs", "/api;x=1/v1/jobs")) {
            int status = given().urlEncodingEnabled(false).get(path).then().extract().statusCode();
            assertEquals(401, status, path + " without a key");
        }
        // What is public stays public: the dashboard, its assets, health and the API's description.
        for (String path : List.of("/", "/dashboard/app.js", "/q/health/live", "/q/openapi")) {
            given().get(path).then().statusCode(200);
        }
    }

    @Test
    void badJobRequestsAre400WithTheFieldAndTheReason() throws Exception {
        Path repository = fixtureRepository();
        api().contentType(ContentType.JSON).body("{}").post("/api/v1/jobs").then().statusCode(400)
                .body(containsString("repository")).body(containsString("repository is required"));
        api().contentType(ContentType.JSON).post("/api/v1/jobs").then().statusCode(400);
        api().contentType(ContentType.JSON).body("{\"repository\": ").post("/api/v1/jobs").then().statusCode(400);
        api().contentType(ContentType.JSON).body("{\"repository\": 5, \"refs\": \"main\"}").post("/api/v1/jobs")
                .then().statusCode(400);
        api().contentType(ContentType.JSON).body(Map.of("repository", repository.toString(), "refs", List.of("-x")))
                .post("/api/v1/jobs").then().statusCode(400).body(containsString("does not start with '-'"));
        api().contentType(ContentType.JSON).body(Map.of("repository", "/etc")).post("/api/v1/jobs").then()
                .statusCode(400).body("field", equalTo("repository"))
                .body("error", containsString("outside the allowed roots"));
        api().contentType(ContentType.JSON).body(Map.of("repository", repository + "/../" + repository.getFileName()))
                .post("/api/v1/jobs").then().statusCode(400).body("error", containsString("'..'"));
        api().contentType(ContentType.JSON).body(Map.of("repository", repository.resolve("src").toString()))
                .post("/api/v1/jobs").then().statusCode(400).body("error", containsString("not a git repository"));
        api().contentType(ContentType.TEXT).body("repository").post("/api/v1/jobs").then().statusCode(415);
        // A symlink under the allowed root that leads out of it is refused by where it leads.
        Path outside = java.nio.file.Files.createTempDirectory("gitlore-outside").resolve("secret");
        try (FixtureRepo repo = FixtureRepo.init(outside)) {
            repo.write("a.txt", "a").commit("a");
        }
        Path link = java.nio.file.Files.createSymbolicLink(repository.resolveSibling("link-" + UUID.randomUUID()),
                outside);
        api().contentType(ContentType.JSON).body(Map.of("repository", link.toString())).post("/api/v1/jobs").then()
                .statusCode(400).body("field", equalTo("repository"))
                .body("error", containsString("outside the allowed roots"));
        api().contentType(ContentType.JSON).body(Map.of("repository", "https://evil.example/team/x.git"))
                .post("/api/v1/jobs").then().statusCode(400).body("error", containsString("is not allowed"));
        api().contentType(ContentType.JSON).body(Map.of("repository", "https://10.0.0.5/team/x.git"))
                .post("/api/v1/jobs").then().statusCode(400).body("error", containsString("internal address"));
        api().contentType(ContentType.JSON).body("{\"repository\":\"" + "x".repeat(300 * 1024) + "\"}")
                .post("/api/v1/jobs").then().statusCode(413);
    }

    @Test
    void unknownJobsAndReportsAre404() {
        api().get("/api/v1/jobs/" + UUID.randomUUID()).then().statusCode(404).body("error", containsString("no job"));
        api().get("/api/v1/jobs/" + UUID.randomUUID() + "/events").then().statusCode(404);
        api().get("/api/v1/reports/" + UUID.randomUUID()).then().statusCode(404)
                .body("error", containsString("no job"));
    }

    @Test
    void poisonOnTheEventsAndReportsTopicsIsDeadLettered() {
        assertDeadLettered(Topics.JOB_EVENTS, "gateway", "{not a job event");
        assertDeadLettered(Topics.TRAINING_REPORTS, "gateway", "{\"jobId\":\"../../escape\"}");
    }

    private static boolean gatewayEvents(ConsumerLag.Lag l) {
        return l.group().equals("gitlore-gateway-events") && l.topic().equals(Topics.JOB_EVENTS);
    }

    @Test
    void readinessNamesItsChecksAndMetricsCountEventsStagesJobsAndLag() throws Exception {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("\"job-store\""))
                .body(containsString("\"embedder-service\"")).body(containsString("\"trainer-service\""))
                .body(containsString("SmallRye Reactive Messaging"));
        String job = UUID.randomUUID().toString();
        publish(JobEvent.of(job, "embed", JobEventType.PROGRESS, 1, 2, "1 of 2 chunks", null),
                JobEvent.of(job, "embed", JobEventType.COMPLETED, 2, 2, "2 chunks", null));
        awaitJob(job, json -> "COMPLETED".equals(json.getString("stages[0].state")));

        // A stage's group that is 3 records behind on a topic of its own.
        topics().produce("gitlore.lag-test", "k", java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> ("r" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList());
        kafka.getOrCreateAdminClient().alterConsumerGroupOffsets("gitlore-scraper", Map.of(
                new org.apache.kafka.common.TopicPartition("gitlore.lag-test", 0),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(2))).all().get();
        List<ConsumerLag.Lag> lags = lag.refresh();
        // The gateway's own events group shows up once it has committed an offset, which a loaded machine delays.
        long until = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (lags.stream().noneMatch(GatewayKafkaTest::gatewayEvents) && System.nanoTime() < until) {
            Thread.sleep(200);
            lags = lag.refresh();
        }
        assertTrue(lags.contains(new ConsumerLag.Lag("gitlore-scraper", "gitlore.lag-test", 3)), lags.toString());
        assertTrue(lags.stream().anyMatch(GatewayKafkaTest::gatewayEvents), lags.toString());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String expected : List.of("gitlore_gateway_job_events_total{stage=\"embed\",type=\"progress\"",
                "gitlore_gateway_consumer_lag{group=\"gitlore-scraper\",topic=\"gitlore.lag-test\"} 3.0",
                "gitlore_gateway_consumer_lag{group=\"gitlore-gateway-events\",topic=\"gitlore.jobs.events.v1\"}",
                "gitlore_gateway_stage_duration_seconds_count{outcome=\"completed\",stage=\"embed\"}",
                "gitlore_gateway_jobs{status=\"running\"}")) {
            assertTrue(metrics.contains(expected), expected + " in\n" + metrics.lines()
                    .filter(l -> l.startsWith("gitlore_")).collect(java.util.stream.Collectors.joining("\n")));
        }
    }
}
