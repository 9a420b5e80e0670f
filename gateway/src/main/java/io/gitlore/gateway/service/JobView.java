package io.gitlore.gateway.service;

import java.time.Instant;
import java.util.List;

/**
 * A job as {@code GET /api/v1/jobs/{id}} shows it: what was asked, the overall status, each stage's state in
 * pipeline order (stages not heard from yet are absent), the failure's reason, and whether the report is stored.
 */
public record JobView(String jobId, String repository, String repositoryId, List<String> refs, JobStatus status,
                      String error, Instant createdAt, Instant updatedAt, List<StageView> stages, boolean report) {
}
