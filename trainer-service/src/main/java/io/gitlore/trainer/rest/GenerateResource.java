package io.gitlore.trainer.rest;

import io.gitlore.contracts.generation.GenerateRequest;
import java.util.List;

import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.service.GenerationService;
import io.gitlore.trainer.service.ModelRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code POST /api/generate}: a completion, whole (JSON) or streamed as Server-Sent Events token by token;
 * {@code GET /api/models}: the trained models with their report summaries.
 */
@Path("/api")
public class GenerateResource {

    private final GenerationService generation;
    private final ModelRegistry models;

    public GenerateResource(GenerationService generation, ModelRegistry models) {
        this.generation = generation;
        this.models = models;
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public GenerateEvent generate(@Valid @NotNull(message = "a JSON body is required") GenerateRequest request) {
        return generation.generate(request, piece -> { });
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<GenerateEvent> stream(@Valid @NotNull(message = "a JSON body is required") GenerateRequest request) {
        return Multi.createFrom().<GenerateEvent>emitter(emitter -> {
            try {
                emitter.emit(generation.generate(request, emitter::emit));
                emitter.complete();
            } catch (RuntimeException e) {
                emitter.fail(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public List<ModelSummary> models() {
        return models.reports().stream().map(ModelSummary::of).toList();
    }

    /** One trained model as listed: where it is and how well it did. */
    public record ModelSummary(String jobId, String repositoryId, String directory, String preset, long parameters,
                               int vocabularySize, double testPerplexity, double bigramTestPerplexity,
                               double unigramTestPerplexity, long steps, String stoppedBy, java.time.Instant createdAt) {
        static ModelSummary of(TrainingReport r) {
            return new ModelSummary(r.jobId(), r.repositoryId(), r.modelDirectory(), r.model().preset(),
                    r.model().parameters(), r.model().vocabularySize(), r.results().testPerplexity(),
                    r.baselines().bigramTestPerplexity(), r.baselines().unigramTestPerplexity(), r.run().stepsDone(),
                    r.run().stoppedBy().name(), r.createdAt());
        }
    }
}
