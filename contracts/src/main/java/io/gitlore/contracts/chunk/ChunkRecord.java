package io.gitlore.contracts.chunk;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.blob.BlobRef;

/**
 * One meaningful unit of change (or, in snapshot mode, of code as it is at a ref), on {@code gitlore.chunks.v1}.
 *
 * @param chunkId          deterministic: SHA-256 of commit, path, kind, qualified name and occurrence (32 hex)
 * @param commitIndex      the commit's chronological index, so consumers can order by history without a lookup
 * @param startLine        first line (1-based) in the new version; in the old one for deleted units
 * @param oldCode          the unit before the commit, {@code null} for new units or when claim-checked
 * @param newCode          the unit after the commit, {@code null} for deleted units or when claim-checked
 * @param hunks            the diff hunks that touch the unit (header line and changed lines)
 * @param complexityBefore cyclomatic complexity from the parse tree (1 + decision points), code units only
 * @param tokens           size estimate of the new (or old) code; docs/stages.md explains the estimate
 * @param contentHash      SHA-256 of the chunk's code after redaction, for exact-duplicate detection
 * @param duplicateOf      chunk id of an earlier chunk with the same content hash in this job
 * @param nearDuplicateOf  chunk id of an earlier chunk with estimated Jaccard similarity above the threshold
 * @param redactions       secrets replaced by typed placeholders in this chunk
 * @param parseFallback    the unit comes from line windows because the code around it did not parse
 * @param otherFiles       other paths changed by the same commit (at most 50)
 */
public record ChunkRecord(String jobId, String repositoryId, String chunkId, String commit, long commitIndex,
                          String path, String language, ChunkKind kind, String unitType, String name,
                          String qualifiedName, int startLine, int endLine, int oldStartLine, int oldEndLine,
                          String oldCode, String newCode, BlobRef oldCodeRef, BlobRef newCodeRef,
                          List<String> hunks, int additions, int deletions, Integer complexityBefore,
                          Integer complexityAfter, ChangeKind changeType, String author, String authorEmail,
                          Instant time, String subject, List<String> otherFiles, int tokens, String contentHash,
                          String duplicateOf, String nearDuplicateOf, int redactions, boolean parseFallback,
                          boolean snapshot) implements ChunkStreamItem {

    @Override
    public String messageId() {
        return chunkId;
    }

    /** The code this chunk stands for now: the new version, or the old one for deleted units. */
    public String code() {
        return newCode != null ? newCode : oldCode;
    }

    /** A builder with every component unset (null, 0 or false). */
    public static ChunkRecordBuilder builder() {
        return new ChunkRecordBuilder();
    }

    /** A builder holding this record's components, to derive a changed copy. */
    public ChunkRecordBuilder toBuilder() {
        return new ChunkRecordBuilder(this);
    }
}
