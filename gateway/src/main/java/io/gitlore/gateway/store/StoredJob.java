package io.gitlore.gateway.store;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.job.JobEvent;

/**
 * One job as the store holds it: its submission (null for a job only seen through its events), its events in
 * arrival order, whether its training report is stored, and when it was first seen.
 */
public record StoredJob(String jobId, JobSubmission submission, List<JobEvent> events, boolean hasReport,
                        Instant firstSeen) {

    public StoredJob {
        events = List.copyOf(events);
    }
}
