package io.gitlore.gateway.service;

/** A job's overall state: no event yet, some stage at work, every expected stage completed, or a stage failed. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
