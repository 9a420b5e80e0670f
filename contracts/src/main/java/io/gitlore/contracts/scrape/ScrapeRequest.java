package io.gitlore.contracts.scrape;

import java.time.Instant;
import java.util.List;

/**
 * Asks the scraper to read one repository's history, published on {@code gitlore.scrape.requested.v1}.
 *
 * @param repository  a local path (under the scraper's allowed roots) or a clone URL (allowlisted host and scheme)
 * @param refs        optional ref filter: full names or globs such as {@code refs/heads/*}; empty means every ref
 * @param sinceCommit optional: emit only commits not reachable from this commit
 * @param snapshot    also send the files at {@code snapshotRef} (default: the scraper's setting, on)
 * @param snapshotRef the ref to snapshot; default: the default branch (what HEAD points to)
 */
public record ScrapeRequest(String jobId, String repository, List<String> refs, String sinceCommit,
                            Boolean snapshot, String snapshotRef, Instant requestedAt) {

    public ScrapeRequest {
        refs = refs == null ? List.of() : List.copyOf(refs);
    }

    public ScrapeRequest(String jobId, String repository, List<String> refs, String sinceCommit, Instant requestedAt) {
        this(jobId, repository, refs, sinceCommit, null, null, requestedAt);
    }
}
