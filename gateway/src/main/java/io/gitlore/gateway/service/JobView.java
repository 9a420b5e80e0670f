package io.gitlore.gateway.service;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.job.JobOptions;
import io.gitlore.gateway.store.CallbackDelivery;
import io.gitlore.gateway.store.JobSubmission;
import io.gitlore.gateway.store.StoredJob;

/**
 * A job as {@code GET /api/v1/jobs/{id}} shows it: what was asked (with its training options, null for none), the
 * overall status, each stage's state in
 * pipeline order (stages not heard from yet are absent), the failure's reason, whether the report is stored, and
 * the callback asked for with how its delivery went (null until it has been made).
 */
public record JobView(String jobId, String repository, String repositoryId, List<String> refs, JobOptions options,
                      JobStatus status,
                      String error, Instant createdAt, Instant updatedAt, List<StageView> stages, boolean report,
                      String callbackUrl, CallbackDelivery callback) {

    /** The job as its events tell it, against the stages whose completion completes a job. */
    public static JobView of(StoredJob job, List<String> expectedStages) {
        JobProgress progress = JobProgress.of(expectedStages, job.events(), job.reportAfterEvents());
        JobSubmission s = job.submission();
        Instant updated = progress.lastEventAt() != null ? progress.lastEventAt() : job.firstSeen();
        return new JobView(job.jobId(), s == null ? null : s.repository(), s == null ? null : s.repositoryId(),
                s == null ? List.of() : s.refs(), s == null ? null : s.options(), progress.status(),
                progress.failure(), job.firstSeen(), updated, progress.stages(), job.hasReport(),
                s == null ? null : s.callbackUrl(), job.delivery());
    }
}
