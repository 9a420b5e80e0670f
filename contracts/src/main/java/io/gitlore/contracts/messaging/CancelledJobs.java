package io.gitlore.contracts.messaging;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.job.JobIds;
import io.gitlore.contracts.serde.Json;

/**
 * A stage's side of job cancellation: takes the raw {@code gitlore.jobs.control.v1} records its control consumer
 * reads and records each cancellation ({@link Cancellations}, a marker in the shared data directory), tells the
 * stage's work loop at each unit boundary whether a job is cancelled and why, and publishes the stage's one
 * {@code CANCELLED} event per job, so a stage that stops a job and later drops its leftover input says so once.
 */
public final class CancelledJobs {

    /** Jobs whose cancelled event this stage has sent, remembered for the late input of recent jobs only. */
    private static final int REMEMBERED = 4096;

    private final Path dataDir;
    private final JobEvents events;
    private final Set<String> announced = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    public CancelledJobs(Path dataDir, JobEvents events) {
        this.dataDir = dataDir;
        this.events = events;
    }

    /**
     * Reads one control record and records it when it cancels a job; a payload that is not a control request, has
     * no action or names an unusable job id throws {@link IllegalArgumentException}, which the consumer's
     * dead-letter strategy sends to its DLQ with the original bytes.
     */
    public JobControl accept(byte[] payload) {
        JobControl control = Json.readMessage(payload, JobControl.class, "job control request", JobControl::jobId);
        JobIds.require(control.jobId());
        if (control.action() == null) {
            throw new IllegalArgumentException("job control request for job " + control.jobId() + " without an action");
        }
        if (control.action() == JobControl.Action.CANCEL) {
            Cancellations.record(dataDir, control);
        }
        return control;
    }

    /** Why the job was cancelled, or null when it was not: one file lookup, cheap enough for every unit of work. */
    public String reason(String jobId) {
        if (!Cancellations.isCancelled(dataDir, jobId)) {
            return null;
        }
        String reason = Cancellations.find(dataDir, jobId).map(JobControl::reason).orElse(null);
        return reason == null || reason.isBlank() ? "no reason given" : reason;
    }

    /**
     * Publishes the job's {@code CANCELLED} event ({@code message}: what was done, then the reason) unless this stage
     * has sent it already; true when it was sent now.
     */
    public boolean announce(String jobId, long done, long total, String message, Map<String, Object> details) {
        if (!announced.add(jobId)) {
            return false;
        }
        events.publish(jobId, JobEventType.CANCELLED, done, total, message, details == null ? Map.of() : details);
        return true;
    }

    /** Whether this stage has sent the job's cancelled event (since it started, among its recent jobs). */
    public boolean announced(String jobId) {
        return announced.contains(jobId);
    }
}
