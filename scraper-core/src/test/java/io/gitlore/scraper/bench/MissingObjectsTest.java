package io.gitlore.scraper.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.gitlore.testsupport.FixtureRepo;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a copy with a missing blob, the benchmark's git baseline leaves out that path instead of dying. */
class MissingObjectsTest {

    @TempDir
    Path tmp;

    @Test
    void theBaselineSkipsThePathsWithAMissingBlob() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("copy"))) {
            RevCommit first = repo.write("src/lib.rs", "pub fn a() {}\n").write("assets/big.json", "[1]\n")
                    .commit("Add the crate and its data");
            repo.write("assets/big.json", "[1, 2]\n").write("src/lib.rs", "pub fn b() {}\n").commit("Change both");
            repo.deleteLooseObject(repo.blobId(first, "assets/big.json"));
            List<String> baseline = List.of("git", "log", "-p", "--all", "--numstat");
            assertThrows(IllegalStateException.class, () -> GitRun.run(repo.dir(), baseline), "git dies");

            MissingObjects missing = MissingObjects.find(repo.dir());
            assertEquals(Set.of("assets/big.json"), missing.paths());
            assertEquals(0, missing.otherThanBlobs());
            List<String> skipping = new ArrayList<>(baseline);
            skipping.addAll(missing.exclusions());
            assertTrue(GitRun.run(repo.dir(), skipping).wallSeconds() > 0, "git runs without that path");
        }
    }
}
