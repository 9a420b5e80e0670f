package io.gitlore.gateway.rest;

import java.net.URI;
import java.util.List;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.gateway.service.JobService;
import io.gitlore.gateway.service.JobStatus;
import io.gitlore.gateway.service.JobView;
import io.smallrye.mutiny.Multi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Jobs over HTTP: {@code POST /api/v1/jobs} starts one (202 with its id and {@code Location} once the broker has
 * the scrape request), {@code GET /api/v1/jobs} and {@code /jobs/{id}} give their state per stage,
 * {@code /jobs/{id}/events} streams their events as Server-Sent Events, {@code /reports/{jobId}} the training report.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    /** The answer to a job submission. */
    public record Accepted(String jobId, JobStatus status, URI location) {
    }

    private final JobService jobs;

    public JobsResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@Valid @NotNull(message = "a JSON body is required") JobRequest request,
                           @Context UriInfo uri) {
        JobView job = jobs.submit(request.repository(), request.refs());
        URI location = uri.getBaseUriBuilder().path("api/v1/jobs").path(job.jobId()).build();
        return Response.accepted(new Accepted(job.jobId(), job.status(), location)).location(location).build();
    }

    @GET
    @Path("/jobs")
    public List<JobView> list() {
        return jobs.list();
    }

    @GET
    @Path("/jobs/{id}")
    public JobView get(@PathParam("id") String id) {
        return jobs.get(id);
    }

    @GET
    @Path("/jobs/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<JobEvent> events(@PathParam("id") String id) {
        return jobs.follow(id);
    }

    @GET
    @Path("/reports/{jobId}")
    public TrainingReport report(@PathParam("jobId") String jobId) {
        return jobs.report(jobId);
    }
}
