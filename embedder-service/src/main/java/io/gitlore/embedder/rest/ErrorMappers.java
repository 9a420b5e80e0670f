package io.gitlore.embedder.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.gitlore.contracts.search.SearchError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refused request gets a JSON {@link SearchError} saying why, with its status: the API's own 400s and 404s,
 * and the body reader's: malformed JSON (which the framework would answer with an empty 400) and JSON of the wrong
 * shape.
 */
public class ErrorMappers {

    static Response error(int status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new SearchError(reason)).build();
    }

    /** 4xx from the resource or the framework; a 5xx keeps the framework's answer. */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return e.getResponse();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        return error(status, e.getMessage());
    }

    /** JSON that parses but does not fit the request (an array, a string where a number belongs). */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? "" : " at '" + e.getPath().get(e.getPath().size() - 1)
                .getFieldName() + "'";
        return error(400, "the JSON does not fit a search request" + field + ": " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return error(400, "malformed JSON: " + e.getOriginalMessage());
    }
}
