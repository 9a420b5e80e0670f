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
 */
public record ChunkingStats(String jobId, String repositoryId, long emitted, long commits, long filesChunked,
                            Map<String, Long> byKind, Map<String, Long> byChangeType, Map<String, Long> byLanguage,
                            Map<String, Long> skipped, Map<String, Long> redacted, long exactDuplicates,
                            long nearDuplicates, long parseFallbacks, long elapsedMillis) implements ChunkStreamItem {

    @Override
    public String messageId() {
        return jobId + ":end";
    }
}
