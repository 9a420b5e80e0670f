package io.gitlore.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gitlore.contracts.blob.BlobStore;

/**
 * The repository id rules: {@code <slug>-<8 hex>}, the same id for every spelling of one location, a different one
 * for another location. Ids name directories under the data directory and Qdrant collections, so they never change.
 */
class RepositoryIdsTest {

    @Test
    void anIdIsTheSlugOfTheLastSegmentAndEightHexOfTheNormalisedLocation() {
        String id = RepositoryIds.of("https://github.com/BurntSushi/ripgrep");

        assertEquals("ripgrep-" + eightHex("https://github.com/BurntSushi/ripgrep"), id);
        // Pinned: the index, the scrape state and the Qdrant collection of this repository are named by it.
        assertEquals("ripgrep-cbbbc0ee", id);
    }

    @Test
    void aUrlIsTheSameRepositoryWhateverItsCaseOfSchemeAndHostGitSuffixSlashOrUser() {
        String id = RepositoryIds.of("https://github.com/BurntSushi/ripgrep");

        for (String spelling : List.of("https://github.com/BurntSushi/ripgrep.git",
                "https://github.com/BurntSushi/ripgrep/", "HTTPS://GitHub.COM/BurntSushi/ripgrep.git/",
                "https://someone:token@github.com/BurntSushi/ripgrep", "  https://github.com/BurntSushi/ripgrep \n")) {
            assertEquals(id, RepositoryIds.of(spelling), spelling);
        }
    }

    @Test
    void aUrlPathKeepsItsCaseAndAPortOrSchemeMakesAnotherLocation() {
        String id = RepositoryIds.of("https://github.com/BurntSushi/ripgrep");

        for (String other : List.of("https://github.com/burntsushi/ripgrep", "ssh://github.com/BurntSushi/ripgrep",
                "https://github.com:8443/BurntSushi/ripgrep", "https://gitlab.com/BurntSushi/ripgrep")) {
            String otherId = RepositoryIds.of(other);
            assertNotEquals(id, otherId, other);
            assertTrue(otherId.startsWith("ripgrep-"), otherId);
        }
    }

    @Test
    void theScpLikeFormIsTheSshUrlGitReadsItAs() {
        String ssh = RepositoryIds.of("ssh://git@github.com/BurntSushi/ripgrep.git");

        assertEquals(ssh, RepositoryIds.of("git@github.com:BurntSushi/ripgrep.git"));
        assertEquals(ssh, RepositoryIds.of("github.com:BurntSushi/ripgrep"));
        assertEquals("ssh://github.com/BurntSushi/ripgrep",
                RepositoryIds.normalise("git@GitHub.com:BurntSushi/ripgrep.git"));
    }

    @Test
    void aLocalPathIsTheSameRepositoryWhateverItsSpelling() {
        String id = RepositoryIds.of("/srv/repos/ripgrep");

        for (String spelling : List.of("/srv/repos/ripgrep/", "/srv/repos/./ripgrep", "/srv/other/../repos/ripgrep",
                "/srv/repos/ripgrep/.git", " /srv/repos/ripgrep ")) {
            assertEquals(id, RepositoryIds.of(spelling), spelling);
        }
        assertEquals("ripgrep-" + eightHex("/srv/repos/ripgrep"), id);
    }

    @Test
    void aRelativePathIsResolvedAgainstTheWorkingDirectory() {
        Path absolute = Path.of("").toAbsolutePath().resolve("repos/ripgrep");

        assertEquals(RepositoryIds.of(absolute.toString()), RepositoryIds.of("repos/ripgrep"));
        assertEquals(RepositoryIds.of(absolute.toString()), RepositoryIds.of("./repos/ripgrep"));
    }

    @Test
    void twoRepositoriesWithTheSameNameGetTwoIds() {
        String mine = RepositoryIds.of("/home/ada/ripgrep");
        String theirs = RepositoryIds.of("/home/grace/ripgrep");

        assertNotEquals(mine, theirs);
        assertTrue(mine.startsWith("ripgrep-") && theirs.startsWith("ripgrep-"));
    }

    @Test
    void theSlugIsLowerCaseAsciiWithSingleDashes() {
        assertTrue(RepositoryIds.of("/srv/My Repo__v2.0").matches("my-repo-v2-0-[0-9a-f]{8}"));
        assertTrue(RepositoryIds.of("/srv/--odd--").matches("odd-[0-9a-f]{8}"));
    }

    @Test
    void aLocationWithNoUsableNameIsCalledRepo() {
        for (String location : List.of("/", "/srv/日本語", "https://example.com/")) {
            String id = RepositoryIds.of(location);
            assertTrue(id.matches("(repo|example-com)-[0-9a-f]{8}"), location + " -> " + id);
        }
        assertTrue(RepositoryIds.of("/srv/日本語").startsWith("repo-"));
    }

    @Test
    void everyIdIsSafeAsADirectoryAndCollectionName() {
        for (String location : List.of("/srv/a b/c", "https://host/x/y.git", "git@host:team/proj.git", "/",
                "C:\\Users\\ada\\repo", "/srv/üñí")) {
            assertTrue(RepositoryIds.of(location).matches("[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8}"), location);
        }
    }

    private static String eightHex(String normalised) {
        return BlobStore.sha256(normalised.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }
}
