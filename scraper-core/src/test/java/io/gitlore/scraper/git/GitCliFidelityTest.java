package io.gitlore.scraper.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Fixtures;
import io.gitlore.testsupport.Mappings;
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
            new HistoryScraper(Mappings.defaults(ScrapeOptions.class), new BlobStore(tmp.resolve("data")))
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

    @Test
    void patchesAreByteForByteWhatGitDiffPrints() throws Exception {
        BlobStore blobs = new BlobStore(tmp.resolve("data"));
        try (FixtureRepo repo = Fixtures.richHistory(tmp.resolve("rich"))) {
            repo.write("run.sh", "#!/bin/sh\necho hi\n").commit("Add script");
            repo.git().add().addFilepattern("run.sh").call();
            java.nio.file.Files.setPosixFilePermissions(repo.dir().resolve("run.sh"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            repo.commit("Make script executable");
            repo.delete("docs/latin1.txt").commit("Drop the Latin-1 doc");
            Collector out = new Collector();
            new HistoryScraper(Mappings.of(ScrapeOptions.class, "max-inline-patch-bytes", "1048576"), blobs)
                    .scrape(repo.repository(), new HistoryScraper.Request("j", "r", "x", java.util.List.of(), null),
                            SeenCommits.none(), out);
            int compared = 0;
            for (var commit : out.commits) {
                String from = commit.parents().isEmpty() ? "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
                        : commit.parents().get(0);
                String git = run(repo.dir(), "git", "-c", "core.quotepath=off", "diff", "--histogram", "-M50%",
                        from, commit.hash());
                java.util.Set<String> expected = new java.util.HashSet<>(java.util.Arrays.asList(
                        git.split("(?m)^(?=diff --git )")));
                expected.remove("");
                java.util.Set<String> ours = new java.util.HashSet<>();
                commit.files().forEach(f -> ours.add(f.patch()));
                assertEquals(expected, ours, "patch of " + commit.subject());
                compared += ours.size();
            }
            assertTrue(compared >= 15, "compared " + compared + " file patches");
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }
}
