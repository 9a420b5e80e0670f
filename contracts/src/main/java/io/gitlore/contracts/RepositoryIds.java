package io.gitlore.contracts;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import io.gitlore.contracts.blob.BlobStore;

/**
 * Stable repository ids: {@code <slug of the last path segment>-<first 8 hex of SHA-256 of the normalised
 * location>}, where a local path is normalised to its absolute form and a URL to lower-case scheme and host without
 * a trailing {@code .git} or slash. The same repository gets the same id on every run and machine sharing the path.
 */
public final class RepositoryIds {

    private RepositoryIds() {
    }

    public static String of(String location) {
        String normalised = normalise(location);
        String last = normalised.replaceAll("/+$", "");
        last = last.substring(last.lastIndexOf('/') + 1);
        String slug = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            slug = "repo";
        }
        String hash = BlobStore.sha256(normalised.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        return slug + "-" + hash;
    }

    static String normalise(String location) {
        String trimmed = location.trim();
        if (trimmed.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            URI uri = URI.create(trimmed);
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("(\\.git)?/*$", "");
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + (uri.getHost() == null ? ""
                    : uri.getHost().toLowerCase(Locale.ROOT)) + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
        }
        return Path.of(trimmed).toAbsolutePath().normalize().toString().replaceAll("/\\.git$", "");
    }
}
