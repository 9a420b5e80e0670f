package io.gitlore.contracts.job;

/**
 * The lifecycle of a job as each stage reports it; {@code CANCELLED}: the stage stopped the job's work because the job
 * was cancelled (a {@link JobControl} on {@code gitlore.jobs.control.v1}).
 */
public enum JobEventType {
    ACCEPTED, PROGRESS, COMPLETED, FAILED, CANCELLED;

    /** The stage is done with the job, one way or another: no event of it changes its state afterwards. */
    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
