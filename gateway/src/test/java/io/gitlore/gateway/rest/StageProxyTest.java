package io.gitlore.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.RepositoryIds;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.search.SearchRequest;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.context.ContextPacker;
import io.gitlore.gateway.fixtures.RunRecords;
import io.gitlore.testsupport.TopicReader;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.AfterAll;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A contract test of the gateway's stage clients: search, history-aware context, generation (whole and streamed)
 * and the model list go through the gateway to a stand-in server answering in the embedder's and trainer's shapes
 * ({@link StandInStages}, not the real stages), which records what the gateway asked of the embedder; the stages'
 * 4xx come back as they were, bodies the stages would refuse are 400 at the
 * gateway, and with nothing listening every route answers 503 naming the stage. The 503 test runs last: it stops
 * the stand-in.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(StandInStages.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageProxyTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @AfterAll
    static void answerAgain() {
        StandInStages.serveAgain();
    }

    private static RequestSpecification api() {
        return given().header("X-API-Key", "test-key").contentType(ContentType.JSON);
    }

    @Test
    @Order(1)
    void searchIsRelayedToTheEmbedderWithItsFiltersAndAPathTurnedIntoItsRepositoryId() throws Exception {
        api().body(Map.ofEntries(Map.entry("repository", "ripgrep-1a2b3c4d"), Map.entry("query", "parse a flag"),
                        Map.entry("k", 5), Map.entry("mode", "vector"), Map.entry("path", "src/"),
                        Map.entry("language", "rust"), Map.entry("kind", "function"),
                        Map.entry("changeType", "bug_fix"), Map.entry("author", "Ana"),
                        Map.entry("since", "2023-01-01T00:00:00Z"), Map.entry("until", "2024-12-31T00:00:00Z"),
                        Map.entry("commit", "c3c3"), Map.entry("history", 2)))
                .post("/api/v1/search").then().statusCode(200).body("repository", equalTo("ripgrep-1a2b3c4d"))
                .body("hits.id", equalTo(List.of("unit-parse", "unit-main", "unit-old-parse")))
                .body("hits[0].content", equalTo("pub fn parse() {}")).body("hits[0].status", equalTo("current"))
                .body("hits[0].history.subject", equalTo(List.of("Speed up parse", "Move parse into lib")))
                .body("hits[0].changes", equalTo(3)).body("hits[2].status", equalTo("deleted"));
        assertEquals(new SearchRequest("ripgrep-1a2b3c4d", "parse a flag", 5, "vector", "src/", "rust", "function",
                "bug_fix", "Ana", Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-12-31T00:00:00Z"),
                "c3c3", 2), StandInStages.lastSearch(), "every field reaches the embedder as it was given");
        Path repository = Path.of("target/test-repos/search-" + System.nanoTime()).toAbsolutePath();
        try (FixtureRepo repo = FixtureRepo.init(repository)) {
            repo.write("a.rs", "fn a() {}\n").commit("a");
        }
        api().body(Map.of("repository", repository.toString(), "query", "a")).post("/api/v1/search").then()
                .statusCode(200).body("repository", equalTo(RepositoryIds.of(repository.toRealPath().toString())));
        assertEquals(RepositoryIds.of(repository.toRealPath().toString()), StandInStages.lastSearch().repository());
        assertEquals(null, StandInStages.lastSearch().k(), "no k given: the embedder's default");
        api().body(Map.of("repository", "unknown-repo", "query", "x")).post("/api/v1/search").then()
                .statusCode(404).body("error", containsString("no index for repository 'unknown-repo'"));
    }

    @Test
    @Order(2)
    void badSearchesAre400AtTheGateway() {
        api().body(Map.of("repository", "r", "query", " ")).post("/api/v1/search").then().statusCode(400)
                .body(containsString("query must not be blank"));
        api().body(Map.of("repository", "r", "query", "q", "k", 0)).post("/api/v1/search").then().statusCode(400)
                .body(containsString("k must be at least 1"));
        api().body(Map.of("repository", "r", "query", "q", "mode", "magic")).post("/api/v1/search").then()
                .statusCode(400).body(containsString("mode must be hybrid, vector or bm25"));
        api().body(Map.of("repository", "r", "query", "q", "history", -1)).post("/api/v1/search").then()
                .statusCode(400).body("violations[0].field", equalTo("history"));
        api().body(Map.of("repository", "/etc", "query", "q")).post("/api/v1/search").then().statusCode(400)
                .body("field", equalTo("repository"));
        api().body("{\"query\": [1,2]}").post("/api/v1/search").then().statusCode(400);
        api().body("not json").post("/api/v1/search").then().statusCode(400);
    }

    @Test
    @Order(3)
    void generationIsRelayedWholeOrStreamedAndTheModelsListed() {
        api().body(Map.of("prompt", "fn", "maxTokens", 2)).post("/api/v1/generate").then().statusCode(200)
                .body("done", equalTo(true)).body("completion", equalTo("fn main")).body("tokens", equalTo(2));
        String sse = api().accept("text/event-stream").body(Map.of("prompt", "fn")).post("/api/v1/generate").then()
                .statusCode(200).extract().asString();
        List<String> data = sse.lines().filter(l -> l.startsWith("data:")).toList();
        assertEquals(3, data.size(), sse);
        assertTrue(data.get(2).contains("\"completion\":\"fn main\""), sse);
        api().body(Map.of("prompt", "x", "jobId", "no-such-job")).post("/api/v1/generate").then().statusCode(400)
                .body("error", containsString("has no trained model"));
        String refused = api().accept("text/event-stream").body(Map.of("prompt", "x", "jobId", "no-such-job"))
                .post("/api/v1/generate").then().statusCode(200).extract().asString();
        assertTrue(refused.contains("\"done\":true") && refused.contains("refused the generation with HTTP 400"),
                refused);
        api().get("/api/v1/models").then().statusCode(200).body("jobId[0]", equalTo("job-1"));
    }

    @Test
    @Order(4)
    void badGenerationRequestsAre400AtTheGateway() {
        api().body(Map.of("prompt", "", "maxTokens", 0)).post("/api/v1/generate").then().statusCode(400)
                .body(containsString("prompt must not be blank")).body(containsString("maxTokens must be at least 1"));
        api().body(Map.of("prompt", "x", "temperature", 9)).post("/api/v1/generate").then().statusCode(400)
                .body(containsString("temperature must be <= 5"));
        api().accept("text/event-stream").body(Map.of("prompt", "x", "topP", 2)).post("/api/v1/generate").then()
                .statusCode(400);
        api().post("/api/v1/generate").then().statusCode(400);
    }

    /** The repository whose commits the context tests count for co-change. */
    private static final String DEMO = "demo-0000abcd";

    /**
     * The history behind {@link StandInStages#UNITS}: {@code parse} added in {@code src/parse.rs}, moved into
     * {@code src/lib.rs} (with {@code main} calling it), sped up; a merge and a 31-file reformat, not counted.
     */
    private void produceDemoHistory() {
        List<CommitRecord> commits = List.of(
                RunRecords.commit(DEMO, "c1".repeat(20), "2023-01-01T00:00:00Z", "Bo", "Add parse", false,
                        "src/parse.rs", "tests/parse_test.rs"),
                RunRecords.commit(DEMO, "c2".repeat(20), "2023-06-01T00:00:00Z", "Bo", "Move parse into lib",
                        false, "src/main.rs", "src/lib.rs", "src/parse.rs"),
                RunRecords.commit(DEMO, "c3".repeat(20), "2024-03-01T00:00:00Z", "Ana", "Speed up parse", false,
                        "src/lib.rs", "tests/parse_test.rs"),
                RunRecords.commit(DEMO, "d1".repeat(20), "2024-04-01T00:00:00Z", "Cy", "Merge branch 'x'", true,
                        "src/lib.rs", "README.md"),
                RunRecords.commit(DEMO, "e1".repeat(20), "2024-05-01T00:00:00Z", "Cy", "Reformat everything", false,
                        java.util.stream.IntStream.range(0, 31).mapToObj(i -> "src/f" + i + ".rs")
                                .toArray(String[]::new)));
        new TopicReader(kafka).produce(Topics.COMMITS, DEMO, commits.stream().map(Json::write).toList());
    }

    private static JsonPath context(Map<String, Object> body) {
        return api().body(body).post("/api/v1/context").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(4)
    void contextGivesEachUnitItsHistoryCoChangesAndTestsAndMarksTheDeletedWithinTheBudget() {
        produceDemoHistory();
        JsonPath answer = null;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            answer = context(Map.of("repository", DEMO, "query", "parse input", "tokenBudget", 600));
            if (answer.getList("units[0].coChanged").size() == 3) {
                break;
            }
            io.gitlore.gateway.fixtures.Api.sleep(200);
        }
        assertEquals(5, StandInStages.lastSearch().k(), "k units asked for: the embedder groups hits by unit");
        assertEquals(5, StandInStages.lastSearch().history(), "as many changes as the context shows (its default)");
        assertEquals(List.of("demo::parse", "main", "demo::old_parse"), answer.getList("units.name"));
        assertEquals(List.of("current", "current", "deleted"), answer.getList("units.status"));
        assertEquals(List.of(false, false, true), answer.getList("units.deleted"));

        assertEquals("embedder", answer.getString("units[0].historySource"));
        assertEquals(List.of("Speed up parse", "Move parse into lib", "Add parse"),
                answer.getList("units[0].history.subject"));
        assertEquals(3, answer.getInt("units[0].changes"));
        assertEquals("Add parse", answer.getString("units[0].firstSeen.subject"));
        assertEquals("src/parse.rs", answer.getString("units[0].firstSeen.pathThen"));
        assertEquals(List.of("src/main.rs", "src/parse.rs", "tests/parse_test.rs"),
                answer.getList("units[0].coChanged.path"));
        assertEquals(2, answer.getInt("units[0].fileCommits"), "the merge and the reformat are not counted");
        assertEquals(List.of("tests/parse_test.rs"), answer.getList("units[0].tests"));
        // main's changes are not in the index: its file's commits stand in, and say so.
        assertEquals("commits", answer.getString("units[1].historySource"));
        assertEquals("Move parse into lib", answer.getString("units[1].firstSeen.subject"));
        assertEquals("Remove old parse", answer.getString("units[2].history[0].subject"));
        assertEquals("Add old parse", answer.getString("units[2].firstSeen.subject"));

        String text = answer.getString("text");
        for (String line : List.of(
                "## 1. src/lib.rs :: demo::parse (function, rust, lines 1-1) score 0.910",
                "First appeared: c1c1c1c1c1 2023-01-01 Bo: Add parse [new_function] (then in src/parse.rs)",
                "Latest changes to this unit (3 of 3):\n- c3c3c3c3c3 2024-03-01 Ana: Speed up parse [optimisation]",
                "Usually changes with: src/main.rs (1 of 2 commits), src/parse.rs (1 of 2 commits), "
                        + "tests/parse_test.rs (1 of 2 commits)",
                "Tests: tests/parse_test.rs",
                "```rust\npub fn parse() {}\n```",
                "Its file first appeared: c2c2c2c2c2 2023-06-01 Bo: Move parse into lib",
                "Latest changes to its file (1 of 1):",
                "## 3. src/old.rs :: demo::old_parse (function, rust, DELETED: no longer in the code, its last "
                        + "version below) score 0.330",
                "- d2d2d2d2d2 2024-02-01 Cy: Remove old parse [deleted_function]")) {
            assertTrue(text.contains(line), line + " in:\n" + text);
        }
        assertEquals(ContextPacker.count(text), answer.getInt("tokens"));
        assertTrue(answer.getInt("tokens") <= 600);
        assertEquals("r50k_base", answer.getString("tokenizer"));

        JsonPath one = context(Map.of("repository", DEMO, "query", "parse", "maxHistory", 1));
        assertEquals(List.of("Speed up parse"), one.getList("units[0].history.subject"));
        assertEquals("Add parse", one.getString("units[0].firstSeen.subject"), "known beyond the listed history");
        assertTrue(one.getString("text").contains("Latest changes to this unit (1 of 3):"), one.getString("text"));

        JsonPath tight = context(Map.of("repository", DEMO, "query", "parse input", "tokenBudget", 64));
        assertTrue(tight.getInt("tokens") <= 64, tight.prettify());
        assertEquals(ContextPacker.count(tight.getString("text")), tight.getInt("tokens"));
        assertTrue(tight.getInt("omitted") >= 1 || tight.getBoolean("units[0].codeTruncated"), tight.prettify());
    }

    @Test
    @Order(4)
    void contextSendsItsModeFiltersAndKToTheEmbedder() {
        JsonPath answer = context(Map.ofEntries(Map.entry("repository", DEMO), Map.entry("query", "parse"),
                Map.entry("k", 2), Map.entry("mode", "bm25"), Map.entry("path", "src/"), Map.entry("language", "rust"),
                Map.entry("kind", "function"), Map.entry("changeType", "bug_fix"), Map.entry("author", "Ana"),
                Map.entry("since", "2023-01-01T00:00:00Z"), Map.entry("until", "2024-12-31T00:00:00Z"),
                Map.entry("commit", "c3c3"), Map.entry("maxHistory", 2)));
        assertEquals(new SearchRequest(DEMO, "parse", 2, "bm25", "src/", "rust", "function", "bug_fix", "Ana",
                Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-12-31T00:00:00Z"), "c3c3", 2),
                StandInStages.lastSearch(), "its maxHistory too: the first appearance comes on each hit");
        assertEquals(List.of("demo::parse", "main"), answer.getList("units.name"));
    }

    @Test
    @Order(4)
    void badContextRequestsAre400AndTheEmbeddersRefusalIsRelayed() {
        api().body(Map.of("repository", DEMO, "query", "q", "tokenBudget", 1_000_000)).post("/api/v1/context")
                .then().statusCode(400).body("field", equalTo("tokenBudget"))
                .body("error", containsString("at most 16000"));
        api().body(Map.of("repository", DEMO, "query", "q", "tokenBudget", 10)).post("/api/v1/context").then()
                .statusCode(400).body("violations[0].field", equalTo("tokenBudget"));
        api().body(Map.of("repository", DEMO, "query", " ", "k", 0)).post("/api/v1/context").then().statusCode(400)
                .body(containsString("query must not be blank")).body(containsString("k must be at least 1"));
        api().body(Map.of("repository", "/etc", "query", "q")).post("/api/v1/context").then().statusCode(400)
                .body("field", equalTo("repository"));
        api().body(Map.of("repository", "unknown-repo", "query", "q")).post("/api/v1/context").then()
                .statusCode(404).body("error", containsString("no index for repository 'unknown-repo'"));
    }

    @Test
    @Order(5)
    void withTheStagesDownEveryRouteIs503NamingTheStage() {
        StandInStages.stopServing();
        api().body(Map.of("repository", "r", "query", "q")).post("/api/v1/context").then().statusCode(503)
                .body("error", containsString("embedder-service"));
        api().body(Map.of("repository", "r", "query", "q")).post("/api/v1/search").then().statusCode(503)
                .body("error", containsString("embedder-service")).body("error", containsString("unavailable"));
        api().body(Map.of("prompt", "fn")).post("/api/v1/generate").then().statusCode(503)
                .body("error", containsString("trainer-service"));
        api().get("/api/v1/models").then().statusCode(503).body("error", containsString("trainer-service"));
        api().accept("text/event-stream").body(Map.of("prompt", "fn")).post("/api/v1/generate").then()
                .statusCode(503).body(containsString("trainer-service"));
        // Readiness is down and says which stages and why; the gateway's own checks stay up.
        JsonPath ready = given().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
        assertEquals("DOWN", ready.getString("status"));
        for (String stage : List.of("embedder-service", "trainer-service")) {
            assertEquals("DOWN", ready.getString("checks.find { it.name == '" + stage + "' }.status"));
            assertTrue(ready.getString("checks.find { it.name == '" + stage + "' }.data.reason")
                    .contains("connection refused"), ready.prettify());
        }
        assertEquals("UP", ready.getString("checks.find { it.name == 'job-store' }.status"));
    }
}
