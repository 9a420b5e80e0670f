package io.gitlore.contracts.chunk;

import java.util.Map;

/**
 * Ends a job's chunk stream: {@code emitted} is the exact number of chunk records sent before it; the rest is the
 * job's {@code chunking_stats}.
 *
 * @param commits          commit records read
 * @param filesChunked     changed files that produced chunks
 * @param skipped          files skipped, by reason (binary, generated, vendored, too-large, unavailable)
 * @param redacted         secrets redacted, by type
 * @param exactDuplicates  chunks whose content hash an earlier chunk of the job had
 * @param nearDuplicates   chunks marked near-duplicate by MinHash
 * @param parseFallbacks   regions that did not parse and were chunked by line windows
 * @param cancelled        why the job was cancelled when the stream stopped early ({@code emitted} is then the
 *                         count sent before the stop); null when it ran to its end
 */
public record ChunkingStats(String jobId, String repositoryId, long emitted, long commits, long filesChunked,
                            Map<String, Long> byKind, Map<String, Long> byChangeType, Map<String, Long> byLanguage,
                            Map<String, Long> skipped, Map<String, Long> redacted, long exactDuplicates,
                            long nearDuplicates, long parseFallbacks, long elapsedMillis, String cancelled)
        implements ChunkStreamItem {

    /** A stream that ran to its end (the shape before cancellations, kept for its callers). */
    public ChunkingStats(String jobId, String repositoryId, long emitted, long commits, long filesChunked,
                         Map<String, Long> byKind, Map<String, Long> byChangeType, Map<String, Long> byLanguage,
                         Map<String, Long> skipped, Map<String, Long> redacted, long exactDuplicates,
                         long nearDuplicates, long parseFallbacks, long elapsedMillis) {
        this(jobId, repositoryId, emitted, commits, filesChunked, byKind, byChangeType, byLanguage, skipped, redacted,
                exactDuplicates, nearDuplicates, parseFallbacks, elapsedMillis, null);
    }

    /** Whether the job was cancelled: the stream ends here, early, with {@code emitted} chunks before it. */
    public boolean wasCancelled() {
        return cancelled != null;
    }

    @Override
    public String messageId() {
        return jobId + ":end";
    }
}
