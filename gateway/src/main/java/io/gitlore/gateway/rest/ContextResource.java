package io.gitlore.gateway.rest;

import io.gitlore.gateway.client.EmbedderClient;
import io.gitlore.gateway.client.StageCalls;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.context.ContextAnswer;
import io.gitlore.gateway.context.ContextRequest;
import io.gitlore.gateway.context.ContextService;
import io.gitlore.gateway.service.RepositoryPaths;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code POST /api/v1/context}: history-aware context for a model's prompt: the embedder's hits for the query,
 * grouped by code unit, each with its history, co-changed files and tests, packed within a token budget.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "query")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", ref = GatewayApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = GatewayApi.FORBIDDEN)
public class ContextResource {

    private final EmbedderClient embedder;
    private final ContextService context;
    private final RepositoryPaths paths;
    private final String embedderUrl;

    public ContextResource(@RestClient EmbedderClient embedder, ContextService context, GatewayConfig config,
                           @ConfigProperty(name = "quarkus.rest-client.embedder.url") String embedderUrl) {
        this.embedder = embedder;
        this.context = context;
        this.paths = RepositoryPaths.of(config);
        this.embedderUrl = embedderUrl;
    }

    @POST
    @Path("/context")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "History-aware context for a prompt", description = "Searches the repository's index "
            + "(through the embedder-service, one hit per code unit), gives each unit when it first appeared, the "
            + "latest commits that changed it (hash, date, author, subject), the files that usually change with it "
            + "and its tests, marks the units deleted from the code, and packs them into one text block within "
            + "tokenBudget GPT-2 (r50k_base) tokens.")
    @APIResponse(responseCode = "200", description = "The block and its units",
            content = @Content(schema = @Schema(implementation = ContextAnswer.class)))
    @APIResponse(responseCode = "400", ref = GatewayApi.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = GatewayApi.TOO_LARGE)
    @APIResponse(responseCode = "503", ref = GatewayApi.UNAVAILABLE)
    public ContextAnswer context(@Valid @NotNull(message = "a JSON body is required") ContextRequest request) {
        context.budget(request);
        String repository = paths.repositoryId(request.repository());
        return context.context(repository, request, StageCalls.json(StagesResource.EMBEDDER, embedderUrl,
                () -> embedder.search(context.search(repository, request))));
    }
}
