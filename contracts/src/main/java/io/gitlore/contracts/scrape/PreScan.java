package io.gitlore.contracts.scrape;

/**
 * Counts taken before any diff is computed (seconds even on large histories), so later stages can plan.
 *
 * @param commits      commits this job will emit
 * @param alreadySeen  commits skipped because an earlier job emitted them
 */
public record PreScan(String jobId, String repositoryId, long commits, long alreadySeen, int refs, int branches,
                      int tags, boolean shallow, long elapsedMillis) implements CommitStreamItem {

    @Override
    public String messageId() {
        return jobId + ":pre-scan";
    }
}
