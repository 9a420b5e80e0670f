package io.gitlore.gateway.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The gateway's HTTP API as the OpenAPI document ({@code /q/openapi}, Swagger UI at {@code /q/swagger-ui}) presents
 * it: the error answers every route shares, each an {@link ApiError}, named once here and referenced by the routes.
 */
@OpenAPIDefinition(info = @Info(title = "gitlore gateway", version = "v1"), components = @Components(responses = {
        @APIResponse(name = GatewayApi.BAD_REQUEST, description = "The body or a value is refused: the reason, the "
                + "field, and for broken constraints each field with its reason",
                content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = ApiError.class))),
        @APIResponse(name = GatewayApi.UNAUTHORIZED, description = "No X-API-Key header",
                content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = ApiError.class))),
        @APIResponse(name = GatewayApi.FORBIDDEN, description = "A wrong key in the X-API-Key header",
                content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = ApiError.class))),
        @APIResponse(name = GatewayApi.NOT_FOUND, description = "No such job, or not yet there",
                content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = ApiError.class))),
        @APIResponse(name = GatewayApi.CONFLICT, description = "The job's state does not allow it",
                content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = ApiError.class))),
        @APIResponse(name = GatewayApi.TOO_LARGE, description = "The body is over the gateway's limit "
                + "(quarkus.http.limits.max-body-size)"),
        @APIResponse(name = GatewayApi.UNAVAILABLE, description = "Kafka or the stage behind the route did not "
                + "answer: the reason names which, and its URL",
                content = @Content(mediaType = GatewayApi.JSON, schema = @Schema(implementation = ApiError.class)))}))
public class GatewayApi extends Application {

    static final String JSON = "application/json";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_LARGE = "TooLarge";
    public static final String UNAVAILABLE = "Unavailable";
}
