package io.gitlore.scraper.git;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gitlore.contracts.RepositoryIds;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.FS;

/**
 * Turns a scrape request's repository (a local path or a clone URL) into an open JGit {@link Repository}, enforcing
 * the allowed roots for paths and the host/scheme allowlist for URLs; URLs are mirrored under
 * {@code <data>/repos/<repo-id>/mirror.git} and fetched again on later requests.
 */
public final class RepositoryLocator {

    private static final Pattern SCP_LIKE = Pattern.compile("^(?:([^@/]+)@)?([^:/]+):(?!//)(.+)$");

    private final List<Path> allowedRoots;
    private final List<String> allowedHosts;
    private final List<String> allowedSchemes;
    private final Path dataDir;

    public RepositoryLocator(List<Path> allowedRoots, List<String> allowedHosts, List<String> allowedSchemes,
                             Path dataDir) {
        this.allowedRoots = allowedRoots;
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.allowedSchemes = allowedSchemes.stream().map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> !s.equals("file")).toList();
        this.dataDir = dataDir;
    }

    public static boolean isUrl(String location) {
        return location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || SCP_LIKE.matcher(location).matches()
                && !location.startsWith("/") && !location.startsWith(".");
    }

    /** Opens the repository; the caller closes it. */
    public Repository open(String location) throws ScrapeException {
        if (location == null || location.isBlank()) {
            throw new ScrapeException("no repository given: pass a local path or a clone URL");
        }
        return isUrl(location) ? mirror(location.trim()) : openLocal(location.trim());
    }

    private Repository openLocal(String location) throws ScrapeException {
        Path path = Path.of(location).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new ScrapeException("repository path " + path + " does not exist");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new ScrapeException("repository path " + path + " cannot be read: " + e.getMessage(), e);
        }
        if (allowedRoots.stream().noneMatch(root -> under(real, root))) {
            throw new ScrapeException("repository path " + real + " is outside the allowed roots " + allowedRoots
                    + " (set gitlore.scraper.allowed-roots / GITLORE_SCRAPER_ALLOWED_ROOTS)");
        }
        File gitDir = RepositoryCache.FileKey.resolve(real.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new ScrapeException(real + " is not a git repository (no .git directory, and not a bare "
                    + "repository)");
        }
        try {
            return new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
        } catch (IOException e) {
            throw new ScrapeException(real + " is not a readable git repository: " + e.getMessage(), e);
        }
    }

    private static boolean under(Path real, Path root) {
        try {
            return real.startsWith(root.toAbsolutePath().normalize().toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks a clone URL against the allowlists and refuses internal addresses; returns the host. */
    public String checkUrl(String url) throws ScrapeException {
        String scheme;
        String host;
        Matcher scp = SCP_LIKE.matcher(url);
        if (!url.contains("://") && scp.matches()) {
            scheme = "ssh";
            host = scp.group(2);
        } else {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new ScrapeException("'" + url + "' is not a valid clone URL: " + e.getMessage());
            }
            scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            host = uri.getHost();
        }
        if (!allowedSchemes.contains(scheme)) {
            throw new ScrapeException("clone URL scheme '" + scheme + "' is not allowed; allowed: " + allowedSchemes
                    + " (gitlore.scraper.allowed-schemes)");
        }
        if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new ScrapeException("clone URL host '" + host + "' is not allowed; allowed: " + allowedHosts
                    + " (gitlore.scraper.allowed-hosts)");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    throw new ScrapeException("clone URL host '" + host + "' resolves to the internal address "
                            + address.getHostAddress() + ", which is never cloned from");
                }
            }
        } catch (UnknownHostException e) {
            throw new ScrapeException("clone URL host '" + host + "' cannot be resolved", e);
        }
        return host;
    }

    private Repository mirror(String url) throws ScrapeException {
        checkUrl(url);
        Path dir = dataDir.resolve("repos").resolve(RepositoryIds.of(url)).resolve("mirror.git");
        RefSpec all = new RefSpec("+refs/*:refs/*");
        try {
            if (Files.exists(dir.resolve("HEAD"))) {
                try (Git git = Git.open(dir.toFile())) {
                    git.fetch().setRemote(url).setRefSpecs(all).setRemoveDeletedRefs(true).call();
                }
            } else {
                Files.createDirectories(dir.getParent());
                try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call()) {
                    git.fetch().setRemote(url).setRefSpecs(all).call();
                }
            }
            return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        } catch (IOException | GitAPIException e) {
            throw new ScrapeException("could not clone or fetch " + url + ": " + e.getMessage(), e);
        }
    }
}
