package io.gitlore.scraper.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scraper's per-commit files and line counts equal what `git log --all --numstat` prints for the same repository. */
class GitCliFidelityTest {

    @TempDir
    Path tmp;

    @Test
    void numstatOfEveryCommitMatchesGit() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            repo.write("src/lib.rs", "pub mod account;\n").delete("README.md").commit("Shrink the crate");
            Collector out = new Collector();
            new HistoryScraper(ScrapeOptions.defaults(), new BlobStore(tmp.resolve("data")))
                    .scrape(repo.repository(), new HistoryScraper.Request("j", "r", "x", java.util.List.of(), null),
                            SeenCommits.none(), out);

            Map<String, Set<Numstat.Line>> git = Numstat.ofGit(repo.dir());
            Map<String, Set<Numstat.Line>> ours = Numstat.ofScrape(out.commits);
            assertEquals(Fixtures.RICH_COMMITS + 1, git.size(), "git log --all saw every commit");
            assertEquals(git.keySet(), ours.keySet());
            for (String hash : git.keySet()) {
                assertEquals(git.get(hash), ours.get(hash), "numstat of " + hash);
            }
            assertTrue(git.values().stream().anyMatch(lines -> lines.stream().anyMatch(l -> l.insertions() < 0)),
                    "the comparison covers a binary file");
        }
    }
}
