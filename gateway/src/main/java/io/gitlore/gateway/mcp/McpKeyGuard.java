package io.gitlore.gateway.mcp;

import java.util.Optional;

import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.rest.ApiKeyFilter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Puts the MCP endpoint ({@code quarkus.mcp.server.http.root-path}, a Vert.x route that the JAX-RS key filter never
 * sees) behind the same {@code X-API-Key} check as {@code /api/v1}: a handler ordered before the MCP routes answers
 * 401 or 403 with the same JSON body, or passes the request on.
 */
@ApplicationScoped
public class McpKeyGuard {

    /** Before every route the MCP extension registers (those take Vert.x's default orders, from 0 up). */
    private static final int ORDER = -1_000;

    private final ApiKeyFilter keys;
    private final String root;

    public McpKeyGuard(ApiKeyFilter keys,
                       @ConfigProperty(name = "quarkus.mcp.server.http.root-path", defaultValue = "/mcp") String root) {
        this.keys = keys;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    void install(@Observes Router router) {
        router.route(root).order(ORDER).handler(this::guard);
        router.route(root + "/*").order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext context) {
        Optional<Response> refusal = keys.refusal(context.request().getHeader(ApiKeyFilter.HEADER));
        if (refusal.isEmpty()) {
            context.next();
            return;
        }
        try (Response answer = refusal.get()) {
            answer.getStringHeaders().forEach((name, values) -> context.response().putHeader(name, values));
            context.response().setStatusCode(answer.getStatus()).end(io.vertx.core.buffer.Buffer.buffer(
                    Json.write(answer.getEntity())));
        }
    }
}
