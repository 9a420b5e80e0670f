package io.gitlore.gateway.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.gateway.store.JobStore;

/**
 * Folds a job's events, in arrival order, into per-stage state and an overall status: FAILED as soon as one stage
 * failed, CANCELLED as soon as the job was cancelled (the gateway's own event, or a stage's), COMPLETED once every
 * expected stage completed and, when training is one of them, its report is stored, RUNNING after any event, QUEUED
 * before; the first of the three final states stays.
 */
public final class JobProgress {

    /**
     * The stage whose completion also needs its report: the trainer sends the report before its completed event, but
     * on another topic, so the gateway may hear of the completion first. Without this wait a job would show
     * COMPLETED while its manifest and {@code /reports/{id}} still lack the report.
     */
    public static final String REPORTING_STAGE = "training";

    private final List<String> expected;
    private final Map<String, StageView> stages = new LinkedHashMap<>();
    private boolean reportStored;
    private JobStatus outcome;
    private String failure;
    private Instant last;

    public JobProgress(List<String> expectedStages) {
        this.expected = List.copyOf(expectedStages);
    }

    /**
     * The job as its events and its report's arrival fold, in the order they came: the report came after the first
     * {@code reportAfterEvents} events (negative: not yet).
     */
    public static JobProgress of(List<String> expectedStages, List<JobEvent> events, int reportAfterEvents) {
        JobProgress progress = new JobProgress(expectedStages);
        JobStore.Follower.replay(events, reportAfterEvents, new JobStore.Follower() {
            @Override
            public void event(JobEvent event) {
                progress.add(event);
            }

            @Override
            public void reportStored() {
                progress.reportStored();
            }
        });
        return progress;
    }

    /** The job's training report is stored: a job waiting only for it completes now. */
    public void reportStored() {
        reportStored = true;
        completeIfDone();
    }

    public void add(JobEvent event) {
        String stage = event.stage() == null ? "unknown" : event.stage();
        Instant at = event.at();
        StageView before = stages.get(stage);
        Instant first = before == null ? at : before.firstEventAt();
        Instant latest = at == null && before != null ? before.lastEventAt() : at;
        int count = before == null ? 1 : before.events() + 1;
        if (before != null && before.state().terminal()) {
            // A late event (another partition's producer, a retry, a stage stopping after a cancel) does not reopen
            // or rewrite a finished stage: its first ending stays.
            stages.put(stage, new StageView(stage, before.state(), before.done(), before.total(), before.message(),
                    first, latest, count));
        } else {
            stages.put(stage, new StageView(stage, event.type(), event.done(), event.total(), event.message(),
                    first, latest, count));
        }
        if (outcome == null && (event.type() == JobEventType.FAILED || event.type() == JobEventType.CANCELLED)) {
            outcome = event.type() == JobEventType.FAILED ? JobStatus.FAILED : JobStatus.CANCELLED;
            failure = "[" + stage + "] " + event.message();
        }
        completeIfDone();
        if (at != null && (last == null || at.isAfter(last))) {
            last = at;
        }
    }

    private void completeIfDone() {
        if (outcome == null && (reportStored || !expected.contains(REPORTING_STAGE))
                && expected.stream().allMatch(s -> stages.containsKey(s)
                && stages.get(s).state() == JobEventType.COMPLETED)) {
            outcome = JobStatus.COMPLETED;
        }
    }

    public JobStatus status() {
        return outcome != null ? outcome : stages.isEmpty() ? JobStatus.QUEUED : JobStatus.RUNNING;
    }

    /** Why the job ended without completing: {@code [stage] reason} of its failure or cancellation. */
    public String failure() {
        return failure;
    }

    public Instant lastEventAt() {
        return last;
    }

    /** The expected stages heard from, in pipeline order, then any other stage in order of appearance. */
    public List<StageView> stages() {
        List<StageView> ordered = new ArrayList<>();
        expected.stream().filter(stages::containsKey).map(stages::get).forEach(ordered::add);
        stages.values().stream().filter(s -> !expected.contains(s.stage())).forEach(ordered::add);
        return ordered;
    }
}
