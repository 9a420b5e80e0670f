package io.gitlore.gateway.rest;

import io.gitlore.contracts.generation.GenerateRequest;
import io.gitlore.contracts.search.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The stages' query APIs behind the gateway's key and validation: {@code POST /api/v1/search} (embedder),
 * {@code POST /api/v1/generate} whole or as Server-Sent Events and {@code GET /api/v1/models} (trainer); 503 with
 * the reason when the stage does not answer.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "query", description = "Search the index and generate with a trained model")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", ref = GatewayApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = GatewayApi.FORBIDDEN)
public class StagesResource {

    static final String EMBEDDER = "embedder-service";
    static final String TRAINER = "trainer-service";

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
        this.paths = RepositoryPaths.of(config);
        this.embedderUrl = embedderUrl;
        this.trainerUrl = trainerUrl;
        this.trainerConnectTimeout = connectTimeout;
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search a repository's index", description = "Relayed to the embedder-service; a repository "
            + "path is held to the allowed roots and turned into its repository id. The embedder's own refusals "
            + "(4xx) come back as it gave them.")
    @APIResponse(responseCode = "200", description = "One hit per code unit, best first, each with its history",
            content = @Content(schema = @Schema(implementation = SearchResponse.class)))
    @APIResponse(responseCode = "400", ref = GatewayApi.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = GatewayApi.TOO_LARGE)
    @APIResponse(responseCode = "503", ref = GatewayApi.UNAVAILABLE)
    public Response search(@Valid @NotNull(message = "a JSON body is required") SearchRequest request) {
        // The embedder indexes by repository id; a path is held to the allowed roots and turned into its id.
        String repository = paths.repositoryId(request.repository());
        return StageCalls.relay(EMBEDDER, embedderUrl, () -> embedder.search(request.toEmbedder(repository)));
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate with a trained model", description = "Relayed to the trainer-service: the whole "
            + "completion as JSON, or with Accept: text/event-stream one Server-Sent Event per piece of text.")
    @APIResponse(responseCode = "200", description = "The completion, or its stream",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RelayedSchemas.Generation.class)),
                    @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                            schema = @Schema(implementation = RelayedSchemas.Generation.class))})
    @APIResponse(responseCode = "400", ref = GatewayApi.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = GatewayApi.TOO_LARGE)
    @APIResponse(responseCode = "503", ref = GatewayApi.UNAVAILABLE)
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
    @Operation(hidden = true) // the same operation as generate(), whose document lists both media types
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
    @Operation(summary = "The trained models the trainer can generate with")
    @APIResponse(responseCode = "200", description = "The models",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RelayedSchemas.Model.class)))
    @APIResponse(responseCode = "503", ref = GatewayApi.UNAVAILABLE)
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
