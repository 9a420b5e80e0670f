package io.gitlore.embedder.service;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The counters of one embedding job, published with its events, and the job's own state: which units its chunks
 * belong to ({@link Lineages}), which current-code points its snapshot holds, and which of its points still wait
 * for their vectors.
 */
public final class JobStats {

    final String jobId;
    final long startedNanos = System.nanoTime();
    final Lineages lineages = new Lineages();
    /** Point ids of the current code this job's snapshot holds: any other current point is stale at the job's end. */
    final Set<String> currentPoints = new HashSet<>();
    /** Snapshot units seen per key and part: a second unit of one name in one file is told apart by its order. */
    final java.util.Map<String, Integer> namesInSnapshot = new java.util.HashMap<>();
    /** Ids of the points this job stored (or found stored) without a vector, until the backfill writes it. */
    final Set<String> awaiting = new HashSet<>();
    /** Runs once every point has its vector after the job's chunks are all in (see {@link VectorBackfill}). */
    Consumer<JobStats> completion;
    boolean finished;
    boolean completed;
    /** Why the job was cancelled, once it was: it then completes as cancelled, its points no longer awaited. */
    String cancelled;
    long vectorsTotal;
    long vectorsDone;
    long searchableNanos;
    String repositoryId;
    boolean snapshot;
    long received;
    long skippedEmpty;
    long versions;
    long changes;
    long parts;
    long trimmed;
    long moves;
    long unchanged;
    long embedded;
    long tokens;
    long reused;
    long nearDuplicates;
    long truncated;
    long points;
    long removed;
    long storeRetries;
    String failure;

    JobStats(String jobId) {
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }

    public long points() {
        return points;
    }

    public long received() {
        return received;
    }

    public long embedded() {
        return embedded;
    }

    public long unchanged() {
        return unchanged;
    }

    public long removed() {
        return removed;
    }

    public String failure() {
        return failure;
    }

    /** Why the job was cancelled, or null when it was not. */
    public String cancelled() {
        return cancelled;
    }

    public long vectorsDone() {
        return vectorsDone;
    }

    public long vectorsTotal() {
        return vectorsTotal;
    }

    /** Seconds from the job's first chunk until its text was all searchable, or -1 before. */
    public double searchableSeconds() {
        return searchableNanos > 0 ? (searchableNanos - startedNanos) / 1e9 : -1;
    }

    public double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chunks", received);
        m.put("points", points);
        m.put("versions", versions);
        m.put("changes", changes);
        m.put("extraParts", parts);
        m.put("unchanged", unchanged);
        m.put("removed", removed);
        m.put("embedded", embedded);
        m.put("embeddedTokens", tokens);
        m.put("reused", reused);
        m.put("nearDuplicates", nearDuplicates);
        m.put("trimmedChanges", trimmed);
        m.put("moves", moves);
        m.put("skippedEmpty", skippedEmpty);
        m.put("truncated", truncated);
        m.put("storeRetries", storeRetries);
        m.put("vectorsDone", vectorsDone);
        m.put("vectorsTotal", vectorsTotal);
        if (searchableNanos > 0) {
            m.put("searchableSeconds", Math.round((searchableNanos - startedNanos) / 1e8) / 10.0);
        }
        m.put("seconds", Math.round(seconds() * 10) / 10.0);
        m.put("chunksPerSecond", Math.round(received / Math.max(seconds(), 1e-9) * 10) / 10.0);
        if (failure != null) {
            m.put("failure", failure);
        }
        return m;
    }

    /** Keeps the first failure of the job. */
    void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }
}
