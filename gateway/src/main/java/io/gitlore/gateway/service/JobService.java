package io.gitlore.gateway.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.job.JobOptions;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.messaging.JobPublisher;
import io.gitlore.gateway.store.JobStore;
import io.gitlore.gateway.store.JobSubmission;
import io.gitlore.gateway.store.StoredJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Starts jobs (checks the repository, writes the job's training options, records the job, publishes its scrape
 * request and waits for the ack), cancels
 * them (publishes the cancel request, then records the cancellation), and answers for them from the store: their
 * state, their live events and their training report.
 */
@ApplicationScoped
public class JobService {

    /** The longest cancellation reason, in characters; the REST route and the MCP tool check it the same way. */
    public static final int REASON_MAX = 500;
    public static final String REASON_DESCRIPTION = "Why, for the job's events (at most " + REASON_MAX + " characters)";
    public static final String REASON_TOO_LONG = "reason must be at most " + REASON_MAX + " characters";

    /** The {@code stage} of the events the gateway itself records (a cancellation). */
    public static final String GATEWAY_STAGE = "gateway";

    private final GatewayConfig config;
    private final JobStore store;
    private final JobPublisher publisher;
    private final RepositoryPaths paths;
    private final MeterRegistry meters;
    private final JobRecorder recorder;
    private final RunManifests manifests;
    private final CallbackTargets callbacks;

    public JobService(GatewayConfig config, JobStore store, JobPublisher publisher, MeterRegistry meters,
                      JobRecorder recorder) {
        this.config = config;
        this.store = store;
        this.publisher = publisher;
        this.recorder = recorder;
        this.manifests = new RunManifests(config.stages(), config.dataDir());
        this.callbacks = new CallbackTargets(config.callbacks());
        this.paths = RepositoryPaths.of(config);
        this.meters = meters;
    }

    public JobView submit(String repository, List<String> refs) {
        return submit(repository, refs, null);
    }

    public JobView submit(String repository, List<String> refs, String callbackUrl) {
        return submit(repository, refs, callbackUrl, null);
    }

    /**
     * Refuses a bad repository, callback or checkpoint at once; otherwise the job's options are in its directory of
     * the shared data directory (where the trainer reads them) and the job is on the broker when this returns.
     */
    public JobView submit(String repository, List<String> refs, String callbackUrl, JobOptions options) {
        RepositoryPaths.Location location = paths.locate(repository);
        String callback = callbackUrl == null || callbackUrl.isBlank() ? null
                : callbacks.check(callbackUrl).toString();
        JobOptions chosen = options == null || options.isEmpty() ? null : options.pretrained() == null ? options
                : new JobOptions(options.preset(), paths.checkpoint(options.pretrained(), "options.pretrained")
                        .toString(), options.maxSteps(), options.maxDuration());
        String jobId = UUID.randomUUID().toString();
        JobSubmission submission = new JobSubmission(jobId, location.repository(), location.repositoryId(), refs,
                Instant.now(), callback, chosen);
        if (chosen != null) {
            // Before the scrape request: the trainer must never see a job whose options are not written yet.
            JobOptions.write(config.dataDir(), jobId, chosen);
        }
        store.create(submission);
        try {
            publisher.scrape(new ScrapeRequest(jobId, submission.repository(), submission.refs(), null,
                    submission.createdAt()), config.publishTimeout());
        } catch (RuntimeException e) {
            store.delete(jobId);
            throw unacknowledged("scrape request", e);
        }
        meters.counter("gitlore.gateway.jobs.submitted").increment();
        return view(store.find(jobId).orElseThrow());
    }

    /**
     * Cancels a job that has not ended: every stage is asked (on {@code gitlore.jobs.control.v1}) to stop its work,
     * and once the broker has the request the job is CANCELLED, its event stream ended. Of two requests for one job,
     * one cancels it and the other gets a 409.
     */
    public JobView cancel(String jobId, String reason) {
        JobView job = get(jobId);
        if (job.status().finished()) {
            throw new ConflictException("job " + jobId + " has already ended: " + job.status()
                    + (job.error() == null ? "" : " (" + job.error() + ")"));
        }
        String why = reason == null || reason.isBlank() ? "cancelled through the gateway" : reason.strip();
        JobControl control = JobControl.cancel(jobId, why);
        try {
            publisher.control(control, config.publishTimeout());
        } catch (RuntimeException e) {
            throw unacknowledged("cancel request", e);
        }
        JobEvent cancelled = new JobEvent(control.id(), jobId, GATEWAY_STAGE, JobEventType.CANCELLED, 0, -1,
                "cancelled: " + why, control.at(), java.util.Map.of("requestId", control.id()));
        if (!recorder.cancel(cancelled)) {
            // It ended while the request was on its way; the stages ignore a cancel for a job they have finished.
            throw new ConflictException("job " + jobId + " ended while it was being cancelled: " + get(jobId).status());
        }
        meters.counter("gitlore.gateway.jobs.cancelled").increment();
        return get(jobId);
    }

    public List<JobView> list() {
        return store.all().stream().map(this::view).toList();
    }

    public JobView get(String jobId) {
        return view(store.find(jobId).orElseThrow(() -> new NoSuchJobException("no job " + jobId)));
    }

    /** The whole run as one document, as far as it has got. */
    public RunManifest manifest(String jobId) {
        StoredJob job = store.find(jobId).orElseThrow(() -> new NoSuchJobException("no job " + jobId));
        return manifests.of(job, store.dataset(jobId), store.report(jobId));
    }

    public TrainingReport report(String jobId) {
        return store.report(jobId).orElseThrow(() -> new NoSuchJobException(store.find(jobId).isEmpty()
                ? "no job " + jobId : "job " + jobId + " has no training report yet"));
    }

    /**
     * The job's stored events then its live ones; the stream ends once the job has finished (every stage completed
     * and the training report stored, or one stage failed), or when the client goes away.
     */
    public Multi<JobEvent> follow(String jobId) {
        get(jobId);
        return Multi.createFrom().emitter(emitter -> {
            JobProgress progress = new JobProgress(config.stages());
            AtomicBoolean finished = new AtomicBoolean();
            Runnable stop = store.follow(jobId, new JobStore.Follower() {
                @Override
                public void event(JobEvent event) {
                    if (!finished.get()) {
                        progress.add(event);
                        emitter.emit(event);
                        endIfFinished();
                    }
                }

                @Override
                public void reportStored() {
                    progress.reportStored();
                    endIfFinished();
                }

                private void endIfFinished() {
                    if (!finished.get() && progress.status().finished()) {
                        finished.set(true);
                        emitter.complete();
                    }
                }
            });
            // The job may have finished during the replay, before the emitter knew how to stop following it.
            emitter.onTermination(stop);
            if (finished.get()) {
                stop.run();
            }
        });
    }

    private StageUnavailableException unacknowledged(String what, RuntimeException e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return new StageUnavailableException("Kafka did not acknowledge the " + what + " within "
                + config.publishTimeout().toSeconds() + " s: " + cause, cause);
    }

    private JobView view(StoredJob job) {
        return JobView.of(job, config.stages());
    }
}
