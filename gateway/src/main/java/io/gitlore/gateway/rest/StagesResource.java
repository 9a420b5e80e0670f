package io.gitlore.gateway.rest;

import io.gitlore.contracts.generation.GenerateRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitlore.contracts.RepositoryIds;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.client.EmbedderClient;
import io.gitlore.gateway.client.StageCalls;
import io.gitlore.gateway.client.TrainerClient;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.service.RepositoryPaths;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The stages' query APIs behind the gateway's key and validation: {@code POST /api/v1/search} (embedder),
 * {@code POST /api/v1/generate} whole or as Server-Sent Events and {@code GET /api/v1/models} (trainer); 503 with
 * the reason when the stage does not answer.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StagesResource {

    private static final String EMBEDDER = "embedder-service";
    private static final String TRAINER = "trainer-service";

    private final EmbedderClient embedder;
    private final TrainerClient trainer;
    private final RepositoryPaths paths;
    private final String embedderUrl;
    private final String trainerUrl;
    private final long trainerConnectTimeout;

    public StagesResource(@RestClient EmbedderClient embedder, @RestClient TrainerClient trainer,
                          GatewayConfig config,
                          @ConfigProperty(name = "quarkus.rest-client.embedder.url") String embedderUrl,
                          @ConfigProperty(name = "quarkus.rest-client.trainer.url") String trainerUrl,
                          @ConfigProperty(name = "quarkus.rest-client.trainer.connect-timeout") long connectTimeout) {
        this.embedder = embedder;
        this.trainer = trainer;
        this.paths = new RepositoryPaths(config.allowedRoots());
        this.embedderUrl = embedderUrl;
        this.trainerUrl = trainerUrl;
        this.trainerConnectTimeout = connectTimeout;
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response search(@Valid @NotNull(message = "a JSON body is required") SearchRequest request) {
        // The embedder indexes by repository id; a path is held to the allowed roots and turned into its id.
        String repository = request.repository().strip().startsWith("/")
                ? RepositoryIds.of(paths.resolve(request.repository()).toString()) : request.repository().strip();
        return StageCalls.relay(EMBEDDER, embedderUrl, () -> embedder.search(request.withRepository(repository)));
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(@Valid @NotNull(message = "a JSON body is required") GenerateRequest request) {
        return StageCalls.relay(TRAINER, trainerUrl, () -> trainer.generate(request));
    }

    /**
     * The stream's 200 goes out before its first event, so the trainer is checked first (503 when it is down); a
     * failure once the stream runs ends it with a last event {@code {"done": true, "error": "..."}}.
     */
    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<JsonNode> stream(@Valid @NotNull(message = "a JSON body is required") GenerateRequest request) {
        StageCalls.reachable(TRAINER, trainerUrl, trainerConnectTimeout);
        return trainer.stream(request).map(StagesResource::json)
                .onFailure().recoverWithItem(e -> {
                    ObjectNode last = Json.MAPPER.createObjectNode().put("done", true);
                    return last.put("error", e instanceof WebApplicationException refused
                            ? TRAINER + " refused the generation with HTTP " + refused.getResponse().getStatus()
                            : StageCalls.unavailable(TRAINER, trainerUrl, e).getMessage());
                });
    }

    @GET
    @Path("/models")
    public Response models() {
        return StageCalls.relay(TRAINER, trainerUrl, trainer::models);
    }

    private static JsonNode json(String data) {
        try {
            return Json.MAPPER.readTree(data);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the trainer sent an event that is not JSON: " + data, e);
        }
    }
}
