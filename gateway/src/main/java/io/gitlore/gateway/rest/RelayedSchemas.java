package io.gitlore.gateway.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the answers the gateway relays from the stages as they come (so a field a stage adds reaches the
 * caller without a gateway release); these records only describe them in the OpenAPI document.
 */
public final class RelayedSchemas {

    private RelayedSchemas() {
    }

    /** The embedder's search answer. */
    @Schema(name = "SearchAnswer", description = "The embedder's hits, best first, relayed as it answered.")
    public record SearchAnswer(String repository, String query, String mode, String store, long tookMillis,
                               List<SearchHit> hits) {
    }

    /** One hit: the stored chunk and its metadata (path, language, kind, commit, time, author, subject, lines). */
    @Schema(name = "SearchHit", description = "One indexed chunk; metadata holds path, language, kind, name, "
            + "commit, time, author, subject, start_line and end_line; a unit's change history when the embedder "
            + "groups hits by unit.")
    public record SearchHit(String id, double score, String content, Map<String, Object> metadata,
                            @Schema(description = "The unit's commits, newest first, when the embedder sends them")
                            List<Map<String, Object>> history) {
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
