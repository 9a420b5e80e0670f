package io.gitlore.gateway.store;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.job.JobEvent;

/**
 * One job as the store holds it: its submission (null for a job only seen through its events), its events in
 * arrival order, whether its training report and dataset-ready record are stored, how its callback went (null when
 * not yet delivered or none was asked for), and when it was first seen.
 */
public record StoredJob(String jobId, JobSubmission submission, List<JobEvent> events, boolean hasReport,
                        boolean hasDataset, CallbackDelivery delivery, Instant firstSeen) {

    public StoredJob {
        events = List.copyOf(events);
    }
}
