package io.gitlore.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the trainer's answers the gateway relays as they come (so a field the trainer adds reaches the caller
 * without a gateway release); these records only describe them in the OpenAPI document. The embedder's search answer
 * is described by its own record in contracts ({@code SearchResponse}).
 */
public final class RelayedSchemas {

    private RelayedSchemas() {
    }

    /** A whole generation, or one streamed event of it. */
    @Schema(name = "Generation", description = "A whole completion (done=true), or as Server-Sent Events one piece "
            + "of text per event then a last event with done=true, the whole completion, the token count and why "
            + "it stopped; a stream that fails ends with {done: true, error}.")
    public record Generation(String text, boolean done, String completion, Integer tokens, String stoppedBy,
                             Double tokensPerSecond, String jobId, String error) {
    }

    /** One trained model the trainer can generate with. */
    @Schema(name = "Model", description = "A trained model and its report's summary, as the trainer lists it.")
    public record Model(String jobId, String repositoryId, String directory, String preset, long parameters,
                        Double testPerplexity) {
    }
}
