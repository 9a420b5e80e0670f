package io.gitlore.gateway.service;

/**
 * A job's overall state: no event yet, some stage at work, every expected stage completed, a stage failed, or the
 * job was cancelled; the first of the last three to happen is final.
 */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
