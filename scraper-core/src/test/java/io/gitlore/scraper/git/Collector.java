package io.gitlore.scraper.git;

import java.util.ArrayList;
import java.util.List;

import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;

/** Collects a scrape's output in memory for assertions. */
class Collector implements HistoryScraper.Listener {
    PreScan preScan;
    final List<CommitRecord> commits = new ArrayList<>();
    final List<long[]> progress = new ArrayList<>();

    @Override
    public void preScan(PreScan preScan) {
        this.preScan = preScan;
    }

    @Override
    public void commit(CommitRecord commit) {
        commits.add(commit);
    }

    @Override
    public void progress(long done, long total) {
        progress.add(new long[] {done, total});
    }

    CommitRecord bySubject(String prefix) {
        return commits.stream().filter(c -> c.subject().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no commit with subject " + prefix));
    }
}
