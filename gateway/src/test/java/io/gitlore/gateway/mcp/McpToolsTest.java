package io.gitlore.gateway.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.rest.StandInStages;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.KafkaTestResource;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The gateway's MCP endpoint through a real MCP client (the protocol's Java SDK, streamable HTTP): the key is
 * required (401 without, 403 wrong), the tools are listed, and each is called: a job is started on a fixture
 * repository, its status and manifest read back, another cancelled (and a second cancel refused); search, context,
 * generation and the model list reach the stage stand-ins; bad arguments, unknown jobs and the stages' refusals come
 * back as tool errors with the route's status and reason.
 */
@QuarkusTest
@TestProfile(FreshGatewayProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
class McpToolsTest {

    static final String KEY = "test-key";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TestHTTPResource("/")
    URI root;

    static McpSyncClient client(URI root, String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(root.toString().replaceAll("/$", "")).endpoint("/mcp")
                .customizeRequest(request -> request.header("X-API-Key", key)).build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .clientInfo(new McpSchema.Implementation("gitlore-test", "1")).build();
        client.initialize();
        return client;
    }

    private static JsonNode call(McpSyncClient client, String tool, Map<String, Object> arguments) throws Exception {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertFalse(Boolean.TRUE.equals(result.isError()), tool + ": " + text(result));
        return Json.MAPPER.readTree(text(result));
    }

    private static String error(McpSyncClient client, String tool, Map<String, Object> arguments) {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, arguments));
        assertTrue(Boolean.TRUE.equals(result.isError()), tool + " should have failed: " + text(result));
        return text(result);
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void theEndpointWantsTheKey() {
        given().contentType(ContentType.JSON).accept("application/json, text/event-stream").body(INITIALIZE)
                .post("/mcp").then().statusCode(401).body("error", containsString("X-API-Key"));
        given().header("X-API-Key", "wrong").contentType(ContentType.JSON)
                .accept("application/json, text/event-stream").body(INITIALIZE).post("/mcp").then().statusCode(403);
        given().get("/mcp/sse").then().statusCode(401);
        given().header("X-API-Key", KEY).contentType(ContentType.JSON).accept("application/json, text/event-stream")
                .body(INITIALIZE).post("/mcp").then().statusCode(200);
    }

    @Test
    void aRealClientListsAndCallsTheTools() throws Exception {
        try (McpSyncClient client = client(root, KEY)) {
            List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
            assertEquals(List.of("cancel_job", "context", "generate", "job_manifest", "job_status", "list_jobs",
                    "list_models", "search", "start_job", "training_report"), names);

            Path repository = Path.of("target/test-repos").resolve("mcp-" + UUID.randomUUID()).toAbsolutePath();
            try (FixtureRepo repo = FixtureRepo.init(repository)) {
                repo.write("src/lib.rs", "pub fn parse() {}\n").commit("parse");
            }
            JsonNode job = call(client, "start_job", Map.of("repository", repository.toString()));
            String id = job.path("jobId").asText();
            assertEquals("QUEUED", job.path("status").asText());
            assertEquals(id, call(client, "job_status", Map.of("jobId", id)).path("jobId").asText());
            assertTrue(call(client, "list_jobs", Map.of()).findValuesAsText("jobId").contains(id));
            JsonNode manifest = call(client, "job_manifest", Map.of("jobId", id));
            assertEquals(id, manifest.path("jobId").asText(), manifest.toString());
            assertEquals("QUEUED", manifest.path("status").asText(), manifest.toString());

            JsonNode hits = call(client, "search", Map.of("repository", repository.toString(), "query", "parse",
                    "k", 3));
            assertEquals("pub fn parse() {}", hits.path("hits").path(0).path("content").asText());
            assertEquals(3, StandInStages.lastSearch().k());
            JsonNode context = call(client, "context", Map.of("repository", repository.toString(), "query", "parse",
                    "tokenBudget", 500));
            assertTrue(context.path("text").asText().contains("pub fn parse() {}"), context.toString());
            assertTrue(context.path("tokens").asInt() <= 500, context.toString());
            assertTrue(error(client, "context", Map.of("repository", "r", "query", "q", "tokenBudget", 10))
                    .contains("tokenBudget must be at least 64"));
            assertEquals("fn main", call(client, "generate", Map.of("prompt", "fn", "maxTokens", 2))
                    .path("completion").asText());
            assertEquals("job-1", call(client, "list_models", Map.of()).path(0).path("jobId").asText());

            assertTrue(error(client, "search", Map.of("repository", "r", "query", "q", "k", 0))
                    .contains("k: k must be at least 1"));
            assertTrue(error(client, "start_job", Map.of("repository", "/etc")).startsWith("400 repository: "));
            String badPreset = error(client, "start_job", Map.of("repository", repository.toString(), "preset",
                    "huge"));
            assertTrue(badPreset.contains("preset is one of tiny, small, gpt2"), badPreset);
            String budgeted = call(client, "start_job", Map.of("repository", repository.toString(), "maxSteps", 3,
                    "maxDuration", "PT1M")).path("jobId").asText();
            JsonNode options = call(client, "job_status", Map.of("jobId", budgeted)).path("options");
            assertEquals(3, options.path("maxSteps").asLong(), options.toString());
            assertEquals("PT1M", options.path("maxDuration").asText(), options.toString());
            assertTrue(error(client, "job_status", Map.of("jobId", "no-such-job")).startsWith("404 no job"));
            assertTrue(error(client, "job_manifest", Map.of("jobId", "no-such-job")).startsWith("404 no job"));

            assertTrue(error(client, "cancel_job", Map.of("jobId", budgeted, "reason", "x".repeat(501)))
                    .contains("reason: reason must be at most 500 characters"));
            JsonNode cancelled = call(client, "cancel_job", Map.of("jobId", budgeted, "reason", "agent changed plans"));
            assertEquals("CANCELLED", cancelled.path("status").asText(), cancelled.toString());
            assertEquals("CANCELLED", call(client, "job_status", Map.of("jobId", budgeted)).path("status").asText());
            assertTrue(error(client, "cancel_job", Map.of("jobId", budgeted)).startsWith("409 job " + budgeted
                    + " has already ended: CANCELLED"));
            assertTrue(error(client, "cancel_job", Map.of("jobId", "no-such-job")).startsWith("404 no job"));
            assertTrue(error(client, "context", Map.of("repository", "unknown-repo", "query", "q"))
                    .startsWith("404 "), "the embedder's refusal, as the route relays it");
            assertTrue(error(client, "training_report", Map.of("jobId", id)).contains("no training report yet"));
            assertTrue(error(client, "generate", Map.of("prompt", "x", "jobId", "no-such-job"))
                    .contains("has no trained model"));
        }
    }
}
