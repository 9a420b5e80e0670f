package io.gitlore.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.gitlore.testsupport.FixtureRepo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which repository paths a job may name: real git repositories under the allowed roots, nothing else. */
class RepositoryPathsTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private RepositoryPaths paths;

    @BeforeEach
    void repositories() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        try (FixtureRepo repo = FixtureRepo.init(root.resolve("work"))) {
            repo.write("a.txt", "a").commit("first");
        }
        try (FixtureRepo repo = FixtureRepo.init(outside.resolve("secret"))) {
            repo.write("b.txt", "b").commit("first");
        }
        paths = new RepositoryPaths(List.of(root, tmp.resolve("no-such-root")));
    }

    private String refused(String repository) {
        RejectedRequestException e = assertThrows(RejectedRequestException.class, () -> paths.resolve(repository));
        assertEquals("repository", e.field());
        return e.getMessage();
    }

    @Test
    void aWorkTreeAndABareRepositoryUnderARootAreAccepted() throws Exception {
        assertEquals(root.resolve("work").toRealPath(), paths.resolve(root.resolve("work") + "/"));
        assertEquals(root.resolve("work").toRealPath(), paths.resolve(root.resolve("work/.git").toString())
                .getParent());
        Path bare = Files.createDirectories(root.resolve("bare.git"));
        Files.createDirectories(bare.resolve("objects"));
        Files.createDirectories(bare.resolve("refs"));
        Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/main\n");
        assertEquals(bare.toRealPath(), paths.resolve(bare.toString()));
    }

    @Test
    void pathsOutsideTheRootsOrLeadingOutAreRefused() throws Exception {
        assertTrue(refused(outside.resolve("secret").toString()).contains("outside the allowed roots"));
        assertTrue(refused(root.resolve("work/../../outside/secret").toString()).contains("'..'"));
        Path link = Files.createSymbolicLink(root.resolve("link"), outside.resolve("secret"));
        assertTrue(refused(link.toString()).contains("outside the allowed roots"));
        Files.createSymbolicLink(root.resolve("innocent"), outside);
        assertTrue(refused(root.resolve("innocent/secret").toString()).contains("outside the allowed roots"));
    }

    @Test
    void aDirectoryThatIsNoRepositoryAMissingOrRelativePathAndAUrlAreRefused() throws Exception {
        Files.createDirectories(root.resolve("plain"));
        assertTrue(refused(root.resolve("plain").toString()).contains("not a git repository"));
        assertTrue(refused(root.resolve("missing").toString()).contains("does not exist"));
        assertTrue(refused("work").contains("absolute"));
        assertTrue(refused("https://github.com/x/y.git").contains("clone URL"));
        assertTrue(refused("git@github.com:x/y.git").contains("clone URL"));
    }
}
