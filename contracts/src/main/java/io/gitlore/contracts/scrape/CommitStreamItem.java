package io.gitlore.contracts.scrape;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What travels on {@code gitlore.commits.v1} for one job, in this order on one partition: a {@link PreScan}, the
 * {@link CommitRecord}s oldest first, the {@link SnapshotBatch}es of the files at the snapshot ref, then the
 * {@link RepositorySummary} that ends the stream with the exact counts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PreScan.class, name = "pre-scan"),
        @JsonSubTypes.Type(value = CommitRecord.class, name = "commit"),
        @JsonSubTypes.Type(value = SnapshotBatch.class, name = "snapshot"),
        @JsonSubTypes.Type(value = RepositorySummary.class, name = "end")
})
public sealed interface CommitStreamItem permits PreScan, CommitRecord, SnapshotBatch, RepositorySummary {

    String jobId();

    String repositoryId();

    /** Deterministic id of this message: the commit hash for commits, job id + kind otherwise. */
    String messageId();
}
