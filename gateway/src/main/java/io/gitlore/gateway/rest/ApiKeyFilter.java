package io.gitlore.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import io.gitlore.gateway.config.GatewayConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every JAX-RS route (all of {@code /api/v1}) with the {@code X-API-Key} header: 401 without it, 403 with a
 * wrong one; keys are compared in constant time (SHA-256 of both, so not even the length leaks). Runs before routing,
 * so an unknown route answers 401 too and routes cannot be probed without the key.
 */
public class ApiKeyFilter {

    public static final String HEADER = "X-API-Key";
    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    private final byte[] expected;

    public ApiKeyFilter(GatewayConfig config) {
        this.expected = config.apiKey().filter(key -> !key.isBlank()).map(ApiKeyFilter::digest).orElse(null);
        if (expected == null) {
            LOG.warn("gitlore.gateway.insecure-dev=true and no API key: every request is let through");
        }
    }

    /**
     * Every request that reaches JAX-RS is guarded, whatever its path: the dashboard, health, metrics and OpenAPI are
     * served outside it. A test on the raw path would have to decode and normalise exactly as the router does, and
     * one that did not ({@code /%61pi/v1/jobs} routes to {@code /api/v1/jobs}) let every route through.
     */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        return refusal(request.getHeaderString(HEADER));
    }

    /**
     * The answer for a request whose {@value #HEADER} header holds {@code given} (null when absent): 401 or 403, or
     * empty to let it through; the guard of the MCP endpoint (a route outside JAX-RS) asks the same.
     */
    public Optional<Response> refusal(String given) {
        if (expected == null) {
            return Optional.empty();
        }
        if (given == null || given.isEmpty()) {
            return Optional.of(refuse(Response.Status.UNAUTHORIZED, "the " + HEADER + " header is required"));
        }
        if (!MessageDigest.isEqual(expected, digest(given))) {
            return Optional.of(refuse(Response.Status.FORBIDDEN, "the " + HEADER + " header holds a wrong key"));
        }
        return Optional.empty();
    }

    private static Response refuse(Response.Status status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"")
                .entity(new ApiError(status.getStatusCode(), reason, null)).build();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
