package io.gitlore.trainer.rest;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns a request the service cannot serve (no such model, no model yet) into 400 with the reason. */
public class BadRequestMapper {

    @ServerExceptionMapper
    public Response map(IllegalArgumentException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage())).build();
    }
}
