package io.gitlore.gateway.rest;

import java.net.URI;
import java.util.List;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.gateway.service.JobService;
import io.gitlore.gateway.service.JobStatus;
import io.gitlore.gateway.service.JobView;
import io.gitlore.gateway.service.RunManifest;
import io.smallrye.mutiny.Multi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Jobs over HTTP: {@code POST /api/v1/jobs} starts one (202 with its id and {@code Location} once the broker has
 * the scrape request), {@code DELETE /api/v1/jobs/{id}} cancels one, {@code GET /api/v1/jobs} and {@code /jobs/{id}}
 * give their state per stage,
 * {@code /jobs/{id}/events} streams their events as Server-Sent Events, {@code /reports/{jobId}} the training report.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs", description = "Start runs, follow them, read what they produced")
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", ref = GatewayApi.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = GatewayApi.FORBIDDEN)
public class JobsResource {

    /** The answer to a job submission. */
    @Schema(name = "Accepted", description = "The job's id, its status and where to follow it.")
    public record Accepted(String jobId, JobStatus status, URI location) {
    }

    private final JobService jobs;

    public JobsResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run", description = "Checks the repository (and the options' checkpoint) at once, "
            + "records the job, writes its training options to <data>/jobs/<id>/OPTIONS.json and answers 202 as soon "
            + "as the broker has its scrape request; nothing long happens inside the request.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the job",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", ref = GatewayApi.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = GatewayApi.TOO_LARGE)
    @APIResponse(responseCode = "503", ref = GatewayApi.UNAVAILABLE)
    public Response submit(@Valid @NotNull(message = "a JSON body is required") JobRequest request,
                           @Context UriInfo uri) {
        JobView job = jobs.submit(request.repository(), request.refs(), request.callbackUrl(),
                request.options() == null ? null : request.options().toJobOptions());
        URI location = uri.getBaseUriBuilder().path("api/v1/jobs").path(job.jobId()).build();
        return Response.accepted(new Accepted(job.jobId(), job.status(), location)).location(location).build();
    }

    @GET
    @Path("/jobs")
    @Operation(summary = "Every job, newest first")
    @APIResponse(responseCode = "200", description = "The jobs",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = JobView.class)))
    public List<JobView> list() {
        return jobs.list();
    }

    @GET
    @Path("/jobs/{id}")
    @Operation(summary = "One job: its status and each stage's state, done/total, timings and errors")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", ref = GatewayApi.NOT_FOUND)
    public JobView get(@PathParam("id") String id) {
        return jobs.get(id);
    }

    @DELETE
    @Path("/jobs/{id}")
    @Operation(summary = "Cancel a job", description = "Asks every stage to stop the job's work (each says so in "
            + "the job's events) and marks the job CANCELLED once the broker has the request; its event stream ends.")
    @APIResponse(responseCode = "202", description = "Cancelled; the stages stop at their next unit of work",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", ref = GatewayApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = GatewayApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = GatewayApi.CONFLICT)
    @APIResponse(responseCode = "503", ref = GatewayApi.UNAVAILABLE)
    public Response cancel(@PathParam("id") String id,
                           @Parameter(description = JobService.REASON_DESCRIPTION)
                           @QueryParam("reason")
                           @Size(max = JobService.REASON_MAX, message = JobService.REASON_TOO_LONG) String reason) {
        return Response.accepted(jobs.cancel(id, reason)).build();
    }

    @GET
    @Path("/jobs/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's events as Server-Sent Events", description = "The stored events, then the live "
            + "ones; the stream ends once the job has ended (a stage failed, it was cancelled, or every stage "
            + "completed and the training report is stored).")
    @APIResponse(responseCode = "200", description = "One JSON job event per Server-Sent Event",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = JobEvent.class)))
    @APIResponse(responseCode = "404", ref = GatewayApi.NOT_FOUND)
    public Multi<JobEvent> events(@PathParam("id") String id) {
        return jobs.follow(id);
    }

    @GET
    @Path("/jobs/{id}/manifest")
    @Operation(summary = "The whole run as one document", description = "Repository stats, chunking stats, the "
            + "dataset manifest and epoch plan, per-stage timings, the index and the training report, as far as the "
            + "run has got; also written to <data>/jobs/<id>/MANIFEST.json when the job ends.")
    @APIResponse(responseCode = "200", description = "The run's manifest",
            content = @Content(schema = @Schema(implementation = RunManifest.class)))
    @APIResponse(responseCode = "404", ref = GatewayApi.NOT_FOUND)
    public RunManifest manifest(@PathParam("id") String id) {
        return jobs.manifest(id);
    }

    @GET
    @Path("/reports/{jobId}")
    @Operation(summary = "The job's training report, as the trainer published it")
    @APIResponse(responseCode = "200", description = "The training report",
            content = @Content(schema = @Schema(implementation = TrainingReport.class)))
    @APIResponse(responseCode = "404", ref = GatewayApi.NOT_FOUND)
    public TrainingReport report(@PathParam("jobId") String jobId) {
        return jobs.report(jobId);
    }
}
