package io.gitlore.gateway.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.gitlore.contracts.RepositoryIds;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.messaging.ScrapeRequestPublisher;
import io.gitlore.gateway.store.JobStore;
import io.gitlore.gateway.store.JobSubmission;
import io.gitlore.gateway.store.StoredJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Starts jobs (checks the repository, records the job, publishes its scrape request and waits for the ack) and
 * answers for them from the store: their state, their live events and their training report.
 */
@ApplicationScoped
public class JobService {

    private final GatewayConfig config;
    private final JobStore store;
    private final ScrapeRequestPublisher publisher;
    private final RepositoryPaths paths;
    private final MeterRegistry meters;

    public JobService(GatewayConfig config, JobStore store, ScrapeRequestPublisher publisher, MeterRegistry meters) {
        this.config = config;
        this.store = store;
        this.publisher = publisher;
        this.paths = new RepositoryPaths(config.allowedRoots());
        this.meters = meters;
    }

    /** Refuses a bad repository at once; otherwise the job is on the broker when this returns. */
    public JobView submit(String repository, List<String> refs) {
        Path real = paths.resolve(repository);
        String jobId = UUID.randomUUID().toString();
        JobSubmission submission = new JobSubmission(jobId, real.toString(), RepositoryIds.of(real.toString()), refs,
                Instant.now());
        store.create(submission);
        try {
            publisher.publish(new ScrapeRequest(jobId, submission.repository(), submission.refs(), null,
                    submission.createdAt()), config.publishTimeout());
        } catch (RuntimeException e) {
            store.delete(jobId);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new StageUnavailableException("Kafka did not acknowledge the scrape request within "
                    + config.publishTimeout().toSeconds() + " s: " + cause, cause);
        }
        meters.counter("gitlore.gateway.jobs.submitted").increment();
        return view(store.find(jobId).orElseThrow());
    }

    public List<JobView> list() {
        return store.all().stream().map(this::view).toList();
    }

    public JobView get(String jobId) {
        return view(store.find(jobId).orElseThrow(() -> new NoSuchJobException("no job " + jobId)));
    }

    public TrainingReport report(String jobId) {
        return store.report(jobId).orElseThrow(() -> new NoSuchJobException(store.find(jobId).isEmpty()
                ? "no job " + jobId : "job " + jobId + " has no training report yet"));
    }

    /**
     * The job's stored events then its live ones; the stream ends after the event that finishes the job (every
     * stage completed, or one failed), or when the client goes away.
     */
    public Multi<JobEvent> follow(String jobId) {
        get(jobId);
        return Multi.createFrom().emitter(emitter -> {
            JobProgress progress = new JobProgress(config.stages());
            AtomicBoolean finished = new AtomicBoolean();
            Runnable stop = store.follow(jobId, event -> {
                if (finished.get()) {
                    return;
                }
                progress.add(event);
                emitter.emit(event);
                if (progress.status().finished()) {
                    finished.set(true);
                    emitter.complete();
                }
            });
            // The job may have finished during the replay, before the emitter knew how to stop following it.
            emitter.onTermination(stop);
            if (finished.get()) {
                stop.run();
            }
        });
    }

    private JobView view(StoredJob job) {
        JobProgress progress = JobProgress.of(config.stages(), job.events());
        JobSubmission s = job.submission();
        Instant updated = progress.lastEventAt() != null ? progress.lastEventAt() : job.firstSeen();
        return new JobView(job.jobId(), s == null ? null : s.repository(), s == null ? null : s.repositoryId(),
                s == null ? List.of() : s.refs(), progress.status(), progress.failure(), job.firstSeen(), updated,
                progress.stages(), job.hasReport());
    }
}
