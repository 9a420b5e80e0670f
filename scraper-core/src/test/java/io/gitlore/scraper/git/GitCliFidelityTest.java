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
            BlobStore blobs = new BlobStore(tmp.resolve("data"));
            new HistoryScraper(Mappings.defaults(ScrapeOptions.class), blobs)
                    .scrape(repo.repository(), new HistoryScraper.Request("j", "r", "x", java.util.List.of(), null),
                            SeenCommits.none(), out);

            Map<String, Set<Numstat.Line>> git = Numstat.ofGit(repo.dir());
            Map<String, Set<Numstat.Line>> ours = Numstat.ofScrape(out.commits, blobs);
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

    /**
     * A 10,827-line JSON whose every line (brackets aside) occurs more than 64 times: git's histogram diff gives it
     * to its classic diff, whose cost limits decide the alignment. JGit's histogram diff fell back to an unbounded
     * Myers diff here (seconds per diff, and other line counts than git's); the scraper must print git's counts and
     * patches.
     */
    @Test
    void aLargeRepetitiveFileIsDiffedAsGitDiffsIt() throws Exception {
        BlobStore blobs = new BlobStore(tmp.resolve("data"));
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("tiles"))) {
            byte[] first = RepetitiveJson.version(1, 0);
            String text = new String(first, java.nio.charset.StandardCharsets.UTF_8);
            Map<String, Long> occurrences = java.util.Arrays.stream(text.split("\n"))
                    .collect(java.util.stream.Collectors.groupingBy(l -> l, java.util.stream.Collectors.counting()));
            assertEquals(3, occurrences.values().stream().filter(n -> n <= 64).count(),
                    "every line but the brackets and the last brace occurs more than 64 times: " + occurrences);
            repo.write("assets/map.json", first).commit("Add the map");
            repo.write("assets/map.json", RepetitiveJson.version(2, 300)).commit("Regenerate the map");
            repo.write("assets/map.json", RepetitiveJson.version(3, 80)).commit("Regenerate it again");
            Collector out = new Collector();
            new HistoryScraper(Mappings.defaults(ScrapeOptions.class), blobs).scrape(repo.repository(),
                    new HistoryScraper.Request("j", "r", "x", java.util.List.of(), null), SeenCommits.none(), out);

            assertEquals(Numstat.ofGit(repo.dir()), Numstat.ofScrape(out.commits, blobs));
            for (var commit : out.commits.subList(1, out.commits.size())) {
                String git = run(repo.dir(), "git", "diff", "--histogram", commit.parents().get(0), commit.hash());
                assertEquals(git, Numstat.patch(commit.files().get(0), blobs), "patch of " + commit.subject());
            }
            assertTrue(out.commits.get(1).insertions() > 300, "the regenerated map changes hundreds of lines");
        }
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command));
        return out;
    }
}
