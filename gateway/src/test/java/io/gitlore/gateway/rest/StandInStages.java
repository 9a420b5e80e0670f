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

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/search", StandInStages::search);
        server.createContext("/api/generate", StandInStages::generate);
        server.createContext("/api/models", exchange -> answer(exchange, 200,
                "[{\"jobId\":\"job-1\",\"preset\":\"tiny\",\"testPerplexity\":3.5}]"));
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.embedder.url", url, "quarkus.rest-client.trainer.url", url);
    }

    /** Stops answering: the port is closed, so the gateway's next call is refused. */
    public static void stopServing() {
        server.stop(0);
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
        response.putArray("hits").addObject().put("score", 0.91).put("content", "pub fn parse() {}")
                .put("path", "src/lib.rs");
        answer(exchange, 200, Json.MAPPER.writeValueAsString(response));
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
