package io.gitlore.gateway.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.service.StageRefusedException;
import io.gitlore.gateway.service.StageUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Relays a stage's answer: a success or a refusal (4xx) goes back to the caller as the stage gave it; a stage that
 * cannot be reached, times out or fails (5xx) becomes {@link StageUnavailableException} (503) naming the stage, its
 * URL and the reason.
 */
public final class StageCalls {

    private StageCalls() {
    }

    public static Response relay(String stage, String url, Supplier<Response> call) {
        Response answer = call(stage, url, call);
        try (answer) {
            if (answer.getStatus() >= 500) {
                throw new StageUnavailableException(stage + " at " + url + " failed with HTTP " + answer.getStatus(),
                        null);
            }
            String body = answer.hasEntity() ? answer.readEntity(String.class) : null;
            return Response.status(answer.getStatus()).type(MediaType.APPLICATION_JSON).entity(body).build();
        }
    }

    /**
     * The stage's JSON answer, read: a refusal (4xx) becomes {@link StageRefusedException} with the stage's own
     * status and body, which the route answers as they are; no answer or a 5xx is a 503 as for {@link #relay}.
     */
    public static JsonNode json(String stage, String url, Supplier<Response> call) {
        Response answer = call(stage, url, call);
        try (answer) {
            String body = answer.hasEntity() ? answer.readEntity(String.class) : null;
            if (answer.getStatus() >= 500) {
                throw new StageUnavailableException(stage + " at " + url + " failed with HTTP " + answer.getStatus(),
                        null);
            }
            if (answer.getStatus() >= 400) {
                throw new StageRefusedException(answer.getStatus(), body);
            }
            try {
                return Json.MAPPER.readTree(body == null ? "null" : body);
            } catch (IOException e) {
                throw new StageUnavailableException(stage + " at " + url + " answered something that is not JSON: "
                        + e.getMessage(), e);
            }
        }
    }

    private static Response call(String stage, String url, Supplier<Response> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            return e.getResponse();
        } catch (RuntimeException e) {
            throw unavailable(stage, url, e);
        }
    }

    /**
     * Checks that the stage's port takes a connection within {@code timeoutMillis}: a stream's status is sent before
     * its first event, so a stage that is down must be found out before the stream starts to get its 503.
     */
    public static void reachable(String stage, String url, long timeoutMillis) {
        URI uri = URI.create(url);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) Math.min(Integer.MAX_VALUE,
                    timeoutMillis));
        } catch (IOException | IllegalArgumentException e) {
            throw unavailable(stage, url, e);
        }
    }

    /** The 503 for a stage that did not answer: the innermost cause says why (refused, timed out, unknown host). */
    public static StageUnavailableException unavailable(String stage, String url, Throwable failure) {
        if (failure instanceof StageUnavailableException known) {
            return known;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return new StageUnavailableException(stage + " at " + url + " is unavailable (" + reason + ")", failure);
    }
}
