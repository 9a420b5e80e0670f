package io.gitlore.gateway.mcp;

import java.util.List;

import io.gitlore.contracts.generation.GenerateRequest;
import io.gitlore.gateway.rest.JobRequest;
import io.gitlore.gateway.rest.SearchRequest;
import io.gitlore.gateway.context.ContextRequest;
import io.gitlore.gateway.rest.ContextResource;
import io.gitlore.gateway.rest.StagesResource;
import io.gitlore.gateway.service.JobService;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * gitlore's operations as Model Context Protocol tools (at {@code /mcp}, streamable HTTP, behind the API key): each
 * takes the same arguments as its {@code /api/v1} route, calls the same service or resource method, and answers the
 * same JSON as text; a refusal (400, 404, 503) is a tool error carrying the reason, never a protocol error.
 */
public class GatewayTools {

    private final JobService jobs;
    private final StagesResource stages;
    private final ContextResource context;
    private final ToolAnswers answers;

    public GatewayTools(JobService jobs, StagesResource stages, ContextResource context, ToolAnswers answers) {
        this.jobs = jobs;
        this.stages = stages;
        this.context = context;
        this.answers = answers;
    }

    @Tool(name = "search", description = "Searches a repository's indexed history (code units of every commit) by "
            + "meaning and keywords; returns the best code units, one hit each, with their code, path, lines, status "
            + "(current or deleted) and the commits that changed them.",
            annotations = @Tool.Annotations(readOnlyHint = true, openWorldHint = false))
    ToolResponse search(
            @ToolArg(description = "The repository id (as a job reports it) or the absolute path a job was started "
                    + "with") String repository,
            @ToolArg(description = "What to look for, in words or code") String query,
            @ToolArg(description = "How many hits (1-100)", required = false) Integer k,
            @ToolArg(description = "hybrid (default), vector or bm25", required = false) String mode,
            @ToolArg(description = "Only paths under this prefix", required = false) String path,
            @ToolArg(description = "Only this language, e.g. rust or java", required = false) String language,
            @ToolArg(description = "Only this kind of unit, e.g. function or class", required = false) String kind) {
        SearchRequest request = new SearchRequest(repository, query, k, mode, path, language, kind, null, null, null,
                null, null, null);
        return answers.checked(request, () -> stages.search(request));
    }

    @Tool(name = "context", description = "History-aware context for a question about a repository: the best "
            + "code units packed into one prompt-ready block within a token budget, each with when it first "
            + "appeared, the last commits that changed it, its tests and the files that usually change with it.",
            annotations = @Tool.Annotations(readOnlyHint = true, openWorldHint = false))
    ToolResponse context(
            @ToolArg(description = "The repository id (as a job reports it) or the absolute path a job was started "
                    + "with") String repository,
            @ToolArg(description = "The question or code to find context for") String query,
            @ToolArg(description = "How many code units (1-20, default 5)", required = false) Integer k,
            @ToolArg(description = "Token budget of the block (GPT-2 tokens, at least 64)", required = false)
            Integer tokenBudget) {
        ContextRequest request = new ContextRequest(repository, query, k, null, null, null, null, null, null, null,
                null, null, tokenBudget, null, null);
        return answers.checked(request, () -> context.context(request));
    }

    @Tool(name = "start_job", description = "Starts a gitlore run on a local git repository (scrape its whole "
            + "history, chunk, index for search, build a dataset, train a small code model). Answers at once with "
            + "the job id; follow it with job_status.")
    ToolResponse startJob(
            @ToolArg(description = "Absolute path of a local git repository under the gateway's allowed roots")
            String repository,
            @ToolArg(description = "Refs to read (full names or globs such as refs/heads/*); all when absent",
                    required = false) List<String> refs,
            @ToolArg(description = "Model preset: tiny, small or gpt2; the trainer's configuration when absent",
                    required = false) String preset,
            @ToolArg(description = "Stop training after this many optimiser steps (1-10000000)", required = false)
            Long maxSteps,
            @ToolArg(description = "Stop training after this much time, an ISO-8601 duration up to 7 days (PT15M)",
                    required = false) String maxDuration) {
        JobRequest.Options options = preset == null && maxSteps == null && maxDuration == null ? null
                : new JobRequest.Options(preset, null, maxSteps, maxDuration);
        JobRequest request = new JobRequest(repository, refs, null, options);
        return answers.checked(request, () -> jobs.submit(request.repository(), request.refs(), null,
                options == null ? null : options.toJobOptions()));
    }

    @Tool(name = "job_status", description = "A job's overall status (QUEUED, RUNNING, COMPLETED, FAILED, "
            + "CANCELLED) and each stage's progress (done of total), messages and timings; report=true once its "
            + "training report is in.",
            annotations = @Tool.Annotations(readOnlyHint = true, openWorldHint = false))
    ToolResponse jobStatus(@ToolArg(description = "The job id start_job answered") String jobId) {
        return answers.of(() -> jobs.get(jobId));
    }

    @Tool(name = "list_jobs", description = "Every job the gateway knows, newest first, with its status per stage.",
            annotations = @Tool.Annotations(readOnlyHint = true, openWorldHint = false))
    ToolResponse listJobs() {
        return answers.of(jobs::list);
    }

    @Tool(name = "cancel_job", description = "Cancels a job that has not ended: every stage stops its work on it "
            + "and says so in the job's events; answers the job, now CANCELLED. A job that has already ended is "
            + "refused (409).", annotations = @Tool.Annotations(destructiveHint = true, idempotentHint = false,
            openWorldHint = false))
    ToolResponse cancelJob(
            @ToolArg(description = "The job id start_job answered") String jobId,
            @ToolArg(description = JobService.REASON_DESCRIPTION, required = false)
            String reason) {
        return answers.checked(new Cancellation(jobId, reason), () -> jobs.cancel(jobId, reason));
    }

    /** The cancel route's arguments, checked as the route checks its path and query parameters. */
    record Cancellation(@NotBlank(message = "jobId must not be blank") String jobId,
                        @Size(max = JobService.REASON_MAX, message = JobService.REASON_TOO_LONG) String reason) {
    }

    @Tool(name = "job_manifest", description = "The whole run of a job as one document, as far as it has got: "
            + "repository stats, chunking stats, the dataset manifest and epoch plan, per-stage timings, the index "
            + "figures and the training report.",
            annotations = @Tool.Annotations(readOnlyHint = true, openWorldHint = false))
    ToolResponse jobManifest(@ToolArg(description = "The job id") String jobId) {
        return answers.of(() -> jobs.manifest(jobId));
    }

    @Tool(name = "training_report", description = "The training report of a finished job: model shape, test "
            + "perplexity against unigram and bigram baselines, the loss curve, hardware peaks.",
            annotations = @Tool.Annotations(readOnlyHint = true, openWorldHint = false))
    ToolResponse trainingReport(@ToolArg(description = "The job id") String jobId) {
        return answers.of(() -> jobs.report(jobId));
    }

    @Tool(name = "generate", description = "Continues a prompt with the code model trained on a repository's "
            + "history (the newest model when no job is given).",
            annotations = @Tool.Annotations(openWorldHint = false))
    ToolResponse generate(
            @ToolArg(description = "The text to continue") String prompt,
            @ToolArg(description = "The job whose model to use; the newest when absent", required = false)
            String jobId,
            @ToolArg(description = "Most tokens to generate (1-2048, default 64)", required = false) Integer maxTokens,
            @ToolArg(description = "Sampling temperature (0 = greedy, default 0.8)", required = false)
            Double temperature,
            @ToolArg(description = "Seed of the sampling", required = false) Long seed) {
        GenerateRequest request = new GenerateRequest(prompt, jobId, maxTokens, temperature, null, null, null, seed);
        return answers.checked(request, () -> stages.generate(request));
    }

    @Tool(name = "list_models", description = "The trained models the trainer serves, with their job and test "
            + "perplexity.", annotations = @Tool.Annotations(readOnlyHint = true, openWorldHint = false))
    ToolResponse listModels() {
        return answers.of(stages::models);
    }
}
