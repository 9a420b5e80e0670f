package io.gitlore.contracts;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gitlore.contracts.blob.BlobStore;

/**
 * Stable repository ids: {@code <slug of the last path segment>-<first 8 hex of SHA-256 of the normalised
 * location>}, where a local path is normalised to its absolute form (without a trailing {@code /.git}) and a URL to
 * lower-case scheme and host, no user info, and no trailing {@code .git} or slash; git's scp-like form
 * {@code [user@]host:path} is read as {@code ssh://host/path}, as git reads it. The same repository gets the same id
 * on every run and machine sharing the path. The rules are pinned by {@code RepositoryIdsTest}.
 */
public final class RepositoryIds {

    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    /** The scraper's own test for the scp-like form: a colon before any slash, not {@code ://}, not {@code ./}. */
    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$");
    private static final String GIT_SUFFIX = "(\\.git)?/*$";

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
        if (URL.matcher(trimmed).matches()) {
            URI uri = URI.create(trimmed);
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll(GIT_SUFFIX, "");
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + (uri.getHost() == null ? ""
                    : uri.getHost().toLowerCase(Locale.ROOT)) + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path;
        }
        Matcher scp = SCP_LIKE.matcher(trimmed);
        if (scp.matches() && !trimmed.startsWith(".")) {
            // Read as a path before, which made the id depend on the working directory.
            return "ssh://" + scp.group(1).toLowerCase(Locale.ROOT) + "/"
                    + scp.group(2).replaceAll("^/+", "").replaceAll(GIT_SUFFIX, "");
        }
        return Path.of(trimmed).toAbsolutePath().normalize().toString().replaceAll("/\\.git$", "");
    }
}
