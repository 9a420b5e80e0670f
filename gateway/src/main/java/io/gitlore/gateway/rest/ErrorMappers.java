package io.gitlore.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gitlore.gateway.service.NoSuchJobException;
import io.gitlore.gateway.service.RejectedRequestException;
import io.gitlore.gateway.service.StageUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the gateway's refusals into statuses with a JSON reason: 400 (with the field to blame), 404 and 503. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response rejected(RejectedRequestException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
    }

    /** A body that is not JSON, or JSON of the wrong shape (a list where a text belongs): 400, not 500. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return error(Response.Status.BAD_REQUEST, "malformed JSON body: " + e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response unknown(NoSuchJobException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unavailable(StageUnavailableException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), null);
    }

    static Response error(Response.Status status, String reason, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), reason, field)).build();
    }
}
