package io.gitlore.local.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.serde.Json;
import io.gitlore.local.stack.StackException;

/**
 * The gateway's API as the local command and the system tests use it: consumes the gateway's URL and API key,
 * produces a submitted job id, the job's events from its Server-Sent Events stream, the job's view and manifest, and
 * the answers of the query routes (search, context, generate); a refusal comes back as a {@link StackException}
 * carrying the gateway's reason.
 */
public final class GatewayClient {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String apiKey;

    public GatewayClient(String base, String apiKey) {
        this.base = base + "/api/v1";
        this.apiKey = apiKey;
    }

    /** Starts a job for a local repository; answers the job id (the gateway answers 202 at once). */
    public String submit(String repository) {
        return submit(Map.of("repository", repository));
    }

    /** Starts a job as {@code request} asks (repository, and refs, callbackUrl or training options); its id. */
    public String submit(Map<String, Object> request) {
        return String.valueOf(send("POST", "/jobs", request).get("jobId"));
    }

    public Map<String, Object> job(String jobId) {
        return send("GET", "/jobs/" + encode(jobId), null);
    }

    public Map<String, Object> manifest(String jobId) {
        return send("GET", "/jobs/" + encode(jobId) + "/manifest", null);
    }

    public Map<String, Object> search(String repositoryId, String query, int k) {
        return post("/search", Map.of("repository", repositoryId, "query", query, "k", k));
    }

    /** Any other {@code POST /api/v1} route that answers a JSON object ({@code /context}, {@code /generate}). */
    public Map<String, Object> post(String route, Map<String, Object> body) {
        return send("POST", route, body);
    }

    /** Follows the job's event stream until the gateway ends it (the job finished) and answers how many came. */
    public long follow(String jobId, Consumer<JobEvent> onEvent) {
        HttpRequest request = request("/jobs/" + encode(jobId) + "/events").header("Accept", "text/event-stream")
                .GET().build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new StackException("the gateway refused the event stream: HTTP " + response.statusCode());
            }
            try (Stream<String> lines = response.body()) {
                return lines.filter(line -> line.startsWith("data:"))
                        .map(line -> parseEvent(line.substring(5).trim()))
                        .peek(onEvent)
                        .count();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // A stream cut mid-line (the gateway stopped or was killed) surfaces unchecked from the line reader.
            throw new StackException("the gateway's event stream broke (is the gateway still running?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static JobEvent parseEvent(String json) {
        try {
            return Json.MAPPER.readValue(json, JobEvent.class);
        } catch (IOException e) {
            throw new StackException("unreadable job event from the gateway: " + json, e);
        }
    }

    private Map<String, Object> send(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
            HttpRequest request = request(path).header("Content-Type", "application/json")
                    .method(method, publisher).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new StackException("the gateway answered " + response.statusCode() + " to " + method + " "
                        + path + ": " + reason(response.body()));
            }
            return response.body().isBlank() ? Map.of() : Json.MAPPER.readValue(response.body(), MAP);
        } catch (IOException e) {
            throw new StackException("the gateway did not answer " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static String reason(String body) {
        try {
            Map<String, Object> error = Json.MAPPER.readValue(body, MAP);
            Object field = error.get("field");
            return error.getOrDefault("error", body) + (field == null ? "" : " (field: " + field + ")");
        } catch (IOException e) {
            return body;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", apiKey)
                .timeout(Duration.ofSeconds(60));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
