package io.gitlore.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.RepositoryIds;
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
 * A contract test of the gateway's stage clients: search, generation (whole and streamed) and the model list go
 * through the gateway to a stand-in server answering in the embedder's and trainer's shapes ({@link StandInStages},
 * not the real stages); the stages' 4xx come back as they were, bodies the stages would refuse are 400 at the
 * gateway, and with nothing listening every route answers 503 naming the stage. The 503 test runs last: it stops
 * the stand-in.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(StandInStages.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageProxyTest {

    private static RequestSpecification api() {
        return given().header("X-API-Key", "test-key").contentType(ContentType.JSON);
    }

    @Test
    @Order(1)
    void searchIsRelayedToTheEmbedderWithAPathTurnedIntoItsRepositoryId() throws Exception {
        api().body(Map.of("repository", "ripgrep-1a2b3c4d", "query", "parse a flag", "k", 5)).post("/api/v1/search")
                .then().statusCode(200).body("repository", equalTo("ripgrep-1a2b3c4d")).body("k", equalTo(5))
                .body("hits[0].content", equalTo("pub fn parse() {}"));
        Path repository = Path.of("target/test-repos/search-" + System.nanoTime()).toAbsolutePath();
        try (FixtureRepo repo = FixtureRepo.init(repository)) {
            repo.write("a.rs", "fn a() {}\n").commit("a");
        }
        api().body(Map.of("repository", repository.toString(), "query", "a")).post("/api/v1/search").then()
                .statusCode(200).body("repository", equalTo(RepositoryIds.of(repository.toRealPath().toString())));
        api().body(Map.of("repository", "unknown-repo", "query", "x")).post("/api/v1/search").then()
                .statusCode(400).body("error", equalTo("no index for repository unknown-repo"));
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

    @Test
    @Order(5)
    void withTheStagesDownEveryRouteIs503NamingTheStage() {
        StandInStages.stopServing();
        api().body(Map.of("repository", "r", "query", "q")).post("/api/v1/search").then().statusCode(503)
                .body("error", containsString("embedder-service")).body("error", containsString("unavailable"));
        api().body(Map.of("prompt", "fn")).post("/api/v1/generate").then().statusCode(503)
                .body("error", containsString("trainer-service"));
        api().get("/api/v1/models").then().statusCode(503).body("error", containsString("trainer-service"));
        api().accept("text/event-stream").body(Map.of("prompt", "fn")).post("/api/v1/generate").then()
                .statusCode(503).body(containsString("trainer-service"));
    }
}
