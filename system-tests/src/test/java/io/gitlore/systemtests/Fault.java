package io.gitlore.systemtests;

import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * One crash the suite injects: which part is killed (SIGKILL) and restarted, and the point of the job at which: a
 * random share of that part's work, drawn from the suite's seed, measured by what the job has produced so far.
 */
final class Fault {

    private final String part;
    private final String measure;
    private final long threshold;
    private final long total;
    private final ToLongFunction<JobRun> progress;
    private final String stage;
    private boolean fired;
    private boolean stageCompletedAtKill;
    private String firedAt;

    private Fault(String part, String stage, String measure, long threshold, long total,
                  ToLongFunction<JobRun> progress) {
        this.part = part;
        this.stage = stage;
        this.measure = measure;
        this.threshold = threshold;
        this.total = total;
        this.progress = progress;
    }

    /**
     * Kills {@code part} once the job has produced a random 15-60% of {@code total} units of {@code measure}: the
     * upper bound leaves the stage time to still be busy when the kill lands, as the suite sees progress late. A
     * {@code stage} that consumes a stream is waited for; null for a part that runs no stage (the gateway).
     */
    static Fault at(SplittableRandom random, String part, String stage, String measure, long total,
                    ToLongFunction<JobRun> progress) {
        long threshold = Math.max(1, Math.round(total * (0.15 + 0.45 * random.nextDouble())));
        return new Fault(part, stage, measure, threshold, total, progress);
    }

    /** Kills {@code part} at a random step between {@code from} and {@code to}. */
    static Fault atStep(SplittableRandom random, String part, String stage, long from, long to,
                        ToLongFunction<JobRun> progress) {
        return new Fault(part, stage, "training steps", from + random.nextLong(to - from + 1), to, progress);
    }

    boolean due(JobRun run) {
        return progress.applyAsLong(run) >= threshold && stageUnderWay(run);
    }

    /** A stage that consumes a stream is killed only once it has accepted the job: it then holds state to lose. */
    private boolean stageUnderWay(JobRun run) {
        return stage == null || !run.events(stage, io.gitlore.contracts.job.JobEventType.ACCEPTED).isEmpty();
    }

    void fire(JobRun run, Pipeline pipeline) {
        long now = progress.applyAsLong(run);
        stageCompletedAtKill = stage != null && run.completed(stage);
        firedAt = now + " of " + total + " " + measure + (stage == null ? "" : "; " + stage + " completed: "
                + stageCompletedAtKill);
        System.out.printf("[fault] kill -9 %s at %s (drawn point: %d)%n", part, firedAt, threshold);
        pipeline.killAndRestart(part);
        fired = true;
    }

    boolean fired() {
        return fired;
    }

    String part() {
        return part;
    }

    /** Whether the stage had already completed when its process was killed (then it was not mid-job). */
    boolean stageCompletedBeforeKill() {
        return stageCompletedAtKill;
    }

    @Override
    public String toString() {
        return "kill -9 " + part + " at " + threshold + " of " + total + " " + measure
                + (firedAt != null ? " (fired at " + firedAt + ")" : "");
    }
}
