package io.gitlore.gateway.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gitlore.contracts.serde.Json;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the embedder's and trainer's HTTP APIs (a JDK {@link HttpServer} answering canned JSON in the
 * shapes those stages answer), so the gateway's clients are tested without the stages' models; points the gateway's
 * {@code quarkus.rest-client.*.url} at it. {@link #stopServing()} takes it down for the 503 tests.
 */
public class StandInStages implements QuarkusTestResourceLifecycleManager {

    private static HttpServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        serve(0);
        String url = "http://localhost:" + port;
        return Map.of("quarkus.rest-client.embedder.url", url, "quarkus.rest-client.trainer.url", url);
    }

    private static void serve(int on) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", on), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/search", StandInStages::search);
        server.createContext("/api/generate", StandInStages::generate);
        server.createContext("/api/models", exchange -> answer(exchange, 200,
                "[{\"jobId\":\"job-1\",\"preset\":\"tiny\",\"testPerplexity\":3.5}]"));
        server.createContext("/q/health/ready", exchange -> answer(exchange, 200,
                "{\"status\":\"UP\",\"checks\":[]}"));
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops answering: the port is closed, so the gateway's next call is refused. */
    public static void stopServing() {
        server.stop(0);
    }

    /** Answers again on the same port, for the tests that run after a 503 test. */
    public static void serveAgain() {
        serve(port);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void search(HttpExchange exchange) throws IOException {
        JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
        if ("unknown-repo".equals(request.path("repository").asText())) {
            answer(exchange, 400, "{\"error\":\"no index for repository unknown-repo\"}");
            return;
        }
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("repository", request.path("repository").asText());
        response.put("query", request.path("query").asText());
        response.put("mode", request.path("mode").asText("hybrid"));
        response.put("store", "lucene");
        response.put("tookMillis", 3);
        response.put("k", request.path("k").asInt());
        hits(response.putArray("hits"), request.path("query").asText().contains("history"));
        answer(exchange, 200, Json.MAPPER.writeValueAsString(response));
    }

    /**
     * The embedder's flat hits: the current version of {@code parse} (snapshot), the same unit at an older commit,
     * and another file's unit; with {@code history}, the first hit carries the unit's own change history as the
     * grouped search will send it.
     */
    private static void hits(com.fasterxml.jackson.databind.node.ArrayNode hits, boolean history) {
        ObjectNode current = hits.addObject().put("id", "p1").put("score", 0.91).put("content", "pub fn parse() {}");
        current.putObject("metadata").put("path", "src/lib.rs").put("language", "rust").put("kind", "function")
                .put("name", "parse").put("qualified_name", "demo::parse").put("commit", "c3".repeat(20))
                .put("time", "2024-03-01T00:00:00Z").put("author", "Ana").put("subject", "Speed up parse")
                .put("change_type", "modified").put("start_line", 1).put("end_line", 1).put("snapshot", true);
        if (history) {
            com.fasterxml.jackson.databind.node.ArrayNode h = current.putArray("history");
            h.addObject().put("commit", "c3".repeat(20)).put("time", "2024-03-01T00:00:00Z").put("author", "Ana")
                    .put("subject", "Speed up parse").put("changeType", "modified");
            h.addObject().put("commit", "c1".repeat(20)).put("time", "2023-01-01T00:00:00Z").put("author", "Bo")
                    .put("subject", "Add parse").put("changeType", "added");
            current.putObject("firstSeen").put("commit", "c1".repeat(20)).put("time", "2023-01-01T00:00:00Z")
                    .put("author", "Bo").put("subject", "Add parse");
            current.putArray("tests").add("tests/parse_test.rs");
        }
        ObjectNode older = hits.addObject().put("id", "p0").put("score", 0.88).put("content", "pub fn parse() { }");
        older.putObject("metadata").put("path", "src/lib.rs").put("language", "rust").put("kind", "function")
                .put("name", "parse").put("qualified_name", "demo::parse").put("commit", "c1".repeat(20))
                .put("time", "2023-01-01T00:00:00Z").put("author", "Bo").put("subject", "Add parse")
                .put("change_type", "added").put("start_line", 1).put("end_line", 1).put("snapshot", false);
        ObjectNode other = hits.addObject().put("id", "m1").put("score", 0.52)
                .put("content", "fn main() {\n    demo::parse();\n}");
        other.putObject("metadata").put("path", "src/main.rs").put("language", "rust").put("kind", "function")
                .put("name", "main").put("commit", "c2".repeat(20)).put("time", "2023-06-01T00:00:00Z")
                .put("author", "Bo").put("subject", "Call parse from main").put("change_type", "added")
                .put("start_line", 1).put("end_line", 3).put("snapshot", true);
    }

    private static void generate(HttpExchange exchange) throws IOException {
        JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
        if ("no-such-job".equals(request.path("jobId").asText())) {
            answer(exchange, 400, "{\"error\":\"job no-such-job has no trained model\"}");
            return;
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String event : new String[] {"{\"text\":\"fn\",\"done\":false}",
                        "{\"text\":\" main\",\"done\":false}",
                        "{\"done\":true,\"completion\":\"fn main\",\"tokens\":2,\"stoppedBy\":\"max-tokens\"}"}) {
                    out.write(("data:" + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            return;
        }
        answer(exchange, 200, "{\"done\":true,\"completion\":\"" + request.path("prompt").asText()
                + " main\",\"tokens\":" + request.path("maxTokens").asInt(64) + ",\"stoppedBy\":\"max-tokens\"}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
