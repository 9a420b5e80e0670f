package io.gitlore.contracts.job;

/** The lifecycle of a job as each stage reports it. */
public enum JobEventType {
    ACCEPTED, PROGRESS, COMPLETED, FAILED
}
