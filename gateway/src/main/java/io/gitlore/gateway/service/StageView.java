package io.gitlore.gateway.service;

import java.time.Instant;

import io.gitlore.contracts.job.JobEventType;

/**
 * One stage of one job as its events tell it: the latest state (a completion or failure is never undone by a late
 * progress event), units done of total (-1: not known yet), the last message, and the first and last event times.
 */
public record StageView(String stage, JobEventType state, long done, long total, String message,
                        Instant firstEventAt, Instant lastEventAt, int events) {
}
