package io.gitlore.scraper.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.gitlore.testsupport.FixtureRepo;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLocatorTest {

    @TempDir
    Path tmp;

    private RepositoryLocator locator(List<String> hosts) {
        return new RepositoryLocator(List.of(tmp.resolve("allowed")), hosts, List.of("https", "ssh", "file"),
                tmp.resolve("data"));
    }

    private String reason(String location) {
        return assertThrows(ScrapeException.class, () -> locator(List.of("github.com")).open(location).close())
                .getMessage();
    }

    @Test
    void opensWorkTreesAndTheirGitDirectoriesUnderAnAllowedRoot() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(tmp.resolve("allowed/project"))) {
            repo.write("a.txt", "a\n").commit("A");
            try (Repository opened = locator(List.of()).open(repo.dir().toString())) {
                assertEquals(repo.repository().getDirectory(), opened.getDirectory());
            }
            try (Repository opened = locator(List.of()).open(repo.dir().resolve(".git").toString())) {
                assertEquals(repo.repository().getDirectory(), opened.getDirectory());
            }
        }
    }

    @Test
    void badLocalPathsGetAReasonAPersonUnderstands() throws Exception {
        Files.createDirectories(tmp.resolve("allowed/plain"));
        assertTrue(reason(tmp.resolve("allowed/plain").toString()).contains("is not a git repository"));
        assertTrue(reason(tmp.resolve("allowed/nowhere").toString()).contains("does not exist"));
        try (FixtureRepo outside = FixtureRepo.init(tmp.resolve("elsewhere"))) {
            assertTrue(reason(outside.dir().toString()).contains("outside the allowed roots"));
        }
        Files.createDirectories(tmp.resolve("allowed"));
        Files.createSymbolicLink(tmp.resolve("allowed/link"), tmp.resolve("elsewhere"));
        assertTrue(reason(tmp.resolve("allowed/link").toString()).contains("outside the allowed roots"),
                "a symlink does not escape the allowed roots");
        assertTrue(reason(" ").contains("no repository given"));
    }

    @Test
    void cloneUrlsAreCheckedAgainstTheAllowlists() {
        assertTrue(reason("file:///etc").contains("scheme 'file' is not allowed"), "file:// never escapes");
        assertTrue(reason("http://github.com/a/b.git").contains("scheme 'http' is not allowed"));
        assertTrue(reason("https://evil.example.org/a/b.git").contains("host 'evil.example.org' is not allowed"));
        assertTrue(reason("git@evil.example.org:a/b.git").contains("host 'evil.example.org' is not allowed"));
        String internal = assertThrows(ScrapeException.class,
                () -> locator(List.of("localhost")).checkUrl("https://localhost/a/b.git")).getMessage();
        assertTrue(internal.contains("internal address"), internal);
        String loopbackIp = assertThrows(ScrapeException.class,
                () -> locator(List.of("127.0.0.1")).checkUrl("https://127.0.0.1:8080/a.git")).getMessage();
        assertTrue(loopbackIp.contains("internal address"), loopbackIp);
    }
}
