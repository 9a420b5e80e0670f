package io.gitlore.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.RepositoryIds;
import org.junit.jupiter.api.Test;

/** Which clone URLs a job may name: allowlisted hosts and schemes, no password, nothing that resolves inside. */
class CloneUrlsTest {

    private final RepositoryPaths paths = new RepositoryPaths(List.of(Path.of("/nonexistent-root")),
            new CloneUrls(List.of("203.0.113.7", "10.0.0.5", "[::1]"), List.of("https", "ssh", "file")));

    @Test
    void anAllowlistedHostOverHttpsOrSshIsAcceptedWithItsRepositoryId() {
        for (String url : List.of("https://203.0.113.7/team/repo.git", "ssh://git@203.0.113.7/team/repo.git",
                "git@203.0.113.7:team/repo.git", "  https://203.0.113.7/team/repo  ")) {
            RepositoryPaths.Location location = paths.locate(url);
            assertEquals(url.strip(), location.repository());
            assertEquals(RepositoryIds.of(url.strip()), location.repositoryId());
            assertEquals(location.repositoryId(), paths.repositoryId(url));
        }
    }

    @Test
    void otherHostsSchemesPasswordsAndInternalAddressesAreRefusedWithTheReason() {
        Map<String, String> refused = Map.of(
                "https://evil.example/team/repo.git", "host 'evil.example' is not allowed",
                "http://203.0.113.7/team/repo.git", "scheme 'http' is not allowed",
                "file:///etc/passwd", "scheme 'file' is not allowed",
                "https://me:secret@203.0.113.7/team/repo.git", "must not carry a password",
                "https://10.0.0.5/team/repo.git", "internal address 10.0.0.5",
                "https://[::1]/team/repo.git", "internal address",
                "https://203.0.113.7/", "names no repository",
                "https://203.0.113.7/a b", "not a valid clone URL");
        refused.forEach((url, reason) -> {
            RejectedRequestException e = assertThrows(RejectedRequestException.class, () -> paths.locate(url), url);
            assertEquals("repository", e.field());
            assertTrue(e.getMessage().contains(reason), url + ": " + e.getMessage());
        });
    }

    @Test
    void localPathsAreNotUrls() {
        assertFalse(CloneUrls.isUrl("/repos/a:b"));
        assertFalse(CloneUrls.isUrl("./x:y"));
        assertTrue(CloneUrls.isUrl("git@host:path"));
        assertTrue(CloneUrls.isUrl("https://host/path"));
    }
}
