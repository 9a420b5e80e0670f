package io.gitlore.gateway.client;

import io.gitlore.contracts.generation.GenerateRequest;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The trainer-service's generation and model list ({@code quarkus.rest-client.trainer.*}: URL and timeouts). */
@RegisterRestClient(configKey = "trainer")
@Path("/api")
public interface TrainerClient {

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response generate(GenerateRequest request);

    /** The same generation as Server-Sent Events: each item is one event's data (a JSON object). */
    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<String> stream(GenerateRequest request);

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    Response models();
}
