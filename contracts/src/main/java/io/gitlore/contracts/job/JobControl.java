package io.gitlore.contracts.job;

import java.time.Instant;
import java.util.UUID;

/**
 * A request to every stage about one job, published by the gateway on {@code gitlore.jobs.control.v1} (key = job
 * id). {@code CANCEL}: stop the job's work at the next unit boundary, keep what a resume would need, say so with a
 * {@link JobEventType#CANCELLED} event, and send the job nothing downstream any more.
 *
 * @param id     one id per request, so a redelivery is recognised
 * @param reason a sentence a person gave, or why the gateway asked
 */
public record JobControl(String id, String jobId, Action action, String reason, Instant at) {

    /** What is asked of the stages. */
    public enum Action { CANCEL }

    public static JobControl cancel(String jobId, String reason) {
        return new JobControl(UUID.randomUUID().toString(), jobId, Action.CANCEL, reason, Instant.now());
    }

    public String messageId() {
        return id;
    }
}
