package io.gitlore.chunker.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.scraper.git.HistoryScraper;
import io.gitlore.scraper.git.ScrapeOptions;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Mappings;

/** Real commit records: a fixture repository scraped by the scraper's own stage logic into a blob store. */
final class Scraped {

    private Scraped() {
    }

    static List<CommitRecord> commits(FixtureRepo repo, BlobStore blobs) throws Exception {
        return commits(repo, blobs, new ArrayList<>());
    }

    /** Also collects the snapshot batches of the default branch. */
    static List<CommitRecord> commits(FixtureRepo repo, BlobStore blobs, List<SnapshotBatch> snapshot)
            throws Exception {
        List<CommitRecord> commits = new ArrayList<>();
        new HistoryScraper(Mappings.defaults(ScrapeOptions.class), blobs).scrape(repo.repository(),
                new HistoryScraper.Request("job", "repo", repo.dir().toString(), List.of(), null, true, null),
                SeenCommits.none(), new HistoryScraper.Listener() {
                    @Override
                    public void snapshot(SnapshotBatch batch) {
                        snapshot.add(batch);
                    }

                    @Override
                    public void preScan(PreScan preScan) {
                    }

                    @Override
                    public void commit(CommitRecord commit) {
                        commits.add(commit);
                    }
                });
        return commits;
    }

    static Path data(Path tmp) {
        return tmp.resolve("data");
    }
}
