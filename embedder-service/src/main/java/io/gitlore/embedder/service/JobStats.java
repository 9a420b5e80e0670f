package io.gitlore.embedder.service;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The counters of one embedding job, published with its events, and the job's own state: which units its chunks
 * belong to ({@link Lineages}) and which current-code points its snapshot holds.
 */
public final class JobStats {

    final String jobId;
    final long startedNanos = System.nanoTime();
    final Lineages lineages = new Lineages();
    /** Point ids of the current code this job's snapshot holds: any other current point is stale at the job's end. */
    final Set<String> currentPoints = new HashSet<>();
    /** Snapshot units seen per key and part: a second unit of one name in one file is told apart by its order. */
    final java.util.Map<String, Integer> namesInSnapshot = new java.util.HashMap<>();
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
