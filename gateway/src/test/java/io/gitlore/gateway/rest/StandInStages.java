package io.gitlore.gateway.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gitlore.contracts.search.SearchError;
import io.gitlore.contracts.search.SearchHit;
import io.gitlore.contracts.search.SearchRequest;
import io.gitlore.contracts.search.SearchResponse;
import io.gitlore.contracts.search.UnitChange;
import io.gitlore.contracts.search.UnitStatus;
import io.gitlore.contracts.serde.Json;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for the embedder's and trainer's HTTP APIs (a JDK {@link HttpServer} answering canned JSON in the
 * shapes those stages answer: the search answer is the contracts' {@link SearchResponse}), so the gateway's clients
 * are tested without the stages' models; points the gateway's {@code quarkus.rest-client.*.url} at it and records
 * every search it is sent ({@link #lastSearch()}). {@link #stopServing()} takes it down for the 503 tests.
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

    /** The body of every search the stand-in was sent, oldest first (as JSON text: tests read it back). */
    private static final List<String> SEARCHES = new CopyOnWriteArrayList<>();

    /** The last search request the stand-in was sent, as the embedder would read it. */
    public static SearchRequest lastSearch() {
        return Json.read(SEARCHES.get(SEARCHES.size() - 1).getBytes(StandardCharsets.UTF_8), SearchRequest.class);
    }

    /**
     * Answers as the embedder's {@code POST /api/search} does (the contracts' {@link SearchResponse}): an unknown
     * repository is a 404 with its reason; else the first {@code k} of {@link #UNITS}, each with at most
     * {@code history} of its changes listed and {@code changes} counting them all.
     */
    private static void search(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        SEARCHES.add(body);
        SearchRequest request = Json.read(body.getBytes(StandardCharsets.UTF_8), SearchRequest.class);
        if ("unknown-repo".equals(request.repository())) {
            answer(exchange, 404, Json.MAPPER.writeValueAsString(new SearchError(
                    "no index for repository 'unknown-repo' in lucene: run a job on it first, or check the "
                            + "repository id")));
            return;
        }
        int k = request.k() == null ? 10 : request.k();
        int history = request.history() == null ? 20 : request.history();
        List<SearchHit> hits = UNITS.stream().limit(k).map(unit -> new SearchHit(unit.id(), unit.score(),
                unit.content(), unit.metadata(), unit.status(), unit.path(), unit.qualifiedName(), unit.kind(),
                unit.language(), unit.startLine(), unit.endLine(), unit.parts(),
                unit.history().subList(0, Math.min(history, unit.history().size())), unit.history().size(),
                unit.firstChange())).toList();
        answer(exchange, 200, Json.MAPPER.writeValueAsString(new SearchResponse(request.repository(),
                request.query(), request.mode() == null ? "hybrid" : request.mode(), "lucene", 3, hits)));
    }

    private static final String C1 = "c1".repeat(20);
    private static final String C2 = "c2".repeat(20);
    private static final String C3 = "c3".repeat(20);
    private static final String D1 = "d0".repeat(20);
    private static final String D2 = "d2".repeat(20);

    private static UnitChange change(String commit, String time, String author, String subject, String type,
                                     String pathThen) {
        return new UnitChange(commit, Instant.parse(time), author, subject, type, pathThen, false);
    }

    private static Map<String, Object> metadata(String path, String name, String commit, String time, String author,
                                                String subject, Integer start, Integer end) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("language", "rust");
        m.put("kind", "function");
        m.put("name", name.substring(name.lastIndexOf(':') + 1));
        m.put("qualified_name", name);
        m.put("commit", commit);
        m.put("time", time);
        m.put("author", author);
        m.put("subject", subject);
        if (start != null) {
            m.put("start_line", start);
            m.put("end_line", end);
        }
        return m;
    }

    /**
     * The repository the stand-in knows, as the embedder groups it: {@code demo::parse}, current, changed three times
     * (it moved from {@code src/parse.rs}); {@code main}, current, whose changes the index does not hold; and
     * {@code demo::old_parse}, deleted, its last version shown.
     */
    static final List<SearchHit> UNITS = List.of(
            new SearchHit("unit-parse", 0.91, "pub fn parse() {}",
                    metadata("src/lib.rs", "demo::parse", C3, "2024-03-01T00:00:00Z", "Ana", "Speed up parse", 1, 1),
                    UnitStatus.CURRENT, "src/lib.rs", "demo::parse", "function", "rust", 1, 1, 1, List.of(
                    change(C3, "2024-03-01T00:00:00Z", "Ana", "Speed up parse", "optimisation", null),
                    change(C2, "2023-06-01T00:00:00Z", "Bo", "Move parse into lib", "modified_function", null),
                    change(C1, "2023-01-01T00:00:00Z", "Bo", "Add parse", "new_function", "src/parse.rs")), 3,
                    change(C1, "2023-01-01T00:00:00Z", "Bo", "Add parse", "new_function", "src/parse.rs")),
            new SearchHit("unit-main", 0.52, "fn main() {\n    demo::parse();\n}",
                    metadata("src/main.rs", "main", C2, "2023-06-01T00:00:00Z", "Bo", "Call parse from main", 1, 3),
                    UnitStatus.CURRENT, "src/main.rs", "main", "function", "rust", 1, 3, 1, List.of(), 0, null),
            new SearchHit("unit-old-parse", 0.33, "pub fn old_parse() { legacy() }",
                    metadata("src/old.rs", "demo::old_parse", D2, "2024-02-01T00:00:00Z", "Cy", "Remove old parse",
                            null, null),
                    UnitStatus.DELETED, "src/old.rs", "demo::old_parse", "function", "rust", null, null, 0, List.of(
                    change(D2, "2024-02-01T00:00:00Z", "Cy", "Remove old parse", "deleted_function", null),
                    change(D1, "2022-05-01T00:00:00Z", "Cy", "Add old parse", "new_function", null)), 2,
                    change(D1, "2022-05-01T00:00:00Z", "Cy", "Add old parse", "new_function", null)));

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
