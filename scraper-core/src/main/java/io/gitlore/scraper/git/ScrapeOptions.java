package io.gitlore.scraper.git;

/**
 * The knobs of one history scrape, independent of Quarkus so the scraper can run in tests, benchmarks and the CLI.
 *
 * @param firstParentMergeDiff diff merges against their first parent ({@code false}: merges carry no files)
 * @param diffThreads          worker threads computing diffs (each with its own JGit reader)
 */
public record ScrapeOptions(boolean firstParentMergeDiff, int renameScore, int renameLimit, int maxInlinePatchBytes,
                            int maxPatchBytes, int maxBlobBytes, int bigFileThreshold, int maxMessageBytes,
                            int maxRefsPerCommit, int progressEvery, int diffThreads) {

    public static ScrapeOptions defaults() {
        return new ScrapeOptions(true, 50, 1000, 65_536, 8 << 20, 1 << 20, 16 << 20, 900_000, 100, 250,
                Runtime.getRuntime().availableProcessors());
    }

    public ScrapeOptions withMaxInlinePatchBytes(int bytes) {
        return new ScrapeOptions(firstParentMergeDiff, renameScore, renameLimit, bytes, maxPatchBytes, maxBlobBytes,
                bigFileThreshold, maxMessageBytes, maxRefsPerCommit, progressEvery, diffThreads);
    }

    public ScrapeOptions withMaxMessageBytes(int bytes) {
        return new ScrapeOptions(firstParentMergeDiff, renameScore, renameLimit, maxInlinePatchBytes, maxPatchBytes,
                maxBlobBytes, bigFileThreshold, bytes, maxRefsPerCommit, progressEvery, diffThreads);
    }
}
