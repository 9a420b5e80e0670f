package io.gitlore.gateway.client;

import io.gitlore.contracts.search.SearchRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The embedder-service's search API ({@code quarkus.rest-client.embedder.*}: URL and timeouts): sends the contracts'
 * {@link SearchRequest}, answers its {@code SearchResponse} (read as the caller needs it).
 */
@RegisterRestClient(configKey = "embedder")
@Path("/api")
public interface EmbedderClient {

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response search(SearchRequest request);
}
