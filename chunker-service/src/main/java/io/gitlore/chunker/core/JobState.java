package io.gitlore.chunker.core;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.gitlore.chunker.hygiene.NearDuplicates;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkingStats;

/** One job's running state in the chunker: duplicate indexes and the figures that become its chunking stats. */
public final class JobState {

    final String jobId;
    final String repositoryId;
    final NearDuplicates near;
    final Map<String, String> exact = new HashMap<>();
    final long started = System.nanoTime();
    long emitted;
    long commits;
    long filesChunked;
    long exactDuplicates;
    long nearDuplicates;
    long parseFallbacks;
    final Map<String, Long> byKind = new TreeMap<>();
    final Map<String, Long> byChangeType = new TreeMap<>();
    final Map<String, Long> byLanguage = new TreeMap<>();
    final Map<String, Long> skipped = new TreeMap<>();
    final Map<String, Long> redacted = new TreeMap<>();

    public JobState(String jobId, String repositoryId, double nearDuplicateJaccard) {
        this.jobId = jobId;
        this.repositoryId = repositoryId;
        this.near = new NearDuplicates(nearDuplicateJaccard);
    }

    public String jobId() {
        return jobId;
    }

    public long emitted() {
        return emitted;
    }

    public long commits() {
        return commits;
    }

    /** Counts the chunks an earlier run of the job sent, when it ends without chunking anything now. */
    public void alreadySent(long chunks) {
        emitted += chunks;
    }

    void skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    void count(ChunkRecord chunk) {
        emitted++;
        byKind.merge(chunk.kind().name(), 1L, Long::sum);
        byChangeType.merge(chunk.changeType().name(), 1L, Long::sum);
        byLanguage.merge(chunk.language() == null ? "unknown" : chunk.language(), 1L, Long::sum);
        exactDuplicates += chunk.duplicateOf() != null ? 1 : 0;
        nearDuplicates += chunk.nearDuplicateOf() != null ? 1 : 0;
    }

    public ChunkingStats stats() {
        return stats(null);
    }

    /** The job's stats as its end marker; {@code cancelled}: why the job stopped early, or null. */
    public ChunkingStats stats(String cancelled) {
        return new ChunkingStats(jobId, repositoryId, emitted, commits, filesChunked, new TreeMap<>(byKind),
                new TreeMap<>(byChangeType), new TreeMap<>(byLanguage), new TreeMap<>(skipped), new TreeMap<>(redacted),
                exactDuplicates, nearDuplicates, parseFallbacks, (System.nanoTime() - started) / 1_000_000, cancelled);
    }
}
