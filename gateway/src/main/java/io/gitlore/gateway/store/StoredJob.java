package io.gitlore.gateway.store;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.job.JobEvent;

/**
 * One job as the store holds it: its submission (null for a job only seen through its events), its events in
 * arrival order, whether its training report is stored and after how many of those events it first arrived (-1 for
 * not yet), whether its dataset-ready record is stored, how its callback went (null when not yet delivered or none was
 * asked for), and when it was first seen.
 */
public record StoredJob(String jobId, JobSubmission submission, List<JobEvent> events, boolean hasReport,
                        int reportAfterEvents, boolean hasDataset, CallbackDelivery delivery, Instant firstSeen) {

    public StoredJob {
        events = List.copyOf(events);
    }
}
