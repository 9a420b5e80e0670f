package io.gitlore.gateway.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.gitlore.contracts.RepositoryIds;
import io.gitlore.gateway.config.GatewayConfig;

/**
 * Takes a repository from a request, a local path or a clone URL, and gives back what a job reads and its id, or
 * refuses it with the reason. A path must be absolute, hold no {@code ..}, exist, lie under one of the allowed roots
 * once every symlink is resolved (so a link cannot lead out), and be a git repository (a work tree with
 * {@code .git}, or a bare repository), checked on the file system before anything is published; a URL goes to
 * {@link CloneUrls}. A job's pretrained checkpoint directory is held to the same roots.
 */
public final class RepositoryPaths {

    private static final String FIELD = "repository";

    /** What a job reads (the real path, or the clone URL) and its repository id. */
    public record Location(String repository, String repositoryId) {
    }

    private final List<Path> allowedRoots;
    private final CloneUrls cloneUrls;

    public RepositoryPaths(List<Path> allowedRoots, CloneUrls cloneUrls) {
        this.allowedRoots = List.copyOf(allowedRoots);
        this.cloneUrls = cloneUrls;
    }

    /** The repository checks of every route: local paths under the allowed roots, clone URLs on the allowlist. */
    public static RepositoryPaths of(GatewayConfig config) {
        return new RepositoryPaths(config.allowedRoots(), new CloneUrls(config.cloneHosts(), config.cloneSchemes()));
    }

    /** Local paths only: every clone URL is refused. */
    public RepositoryPaths(List<Path> allowedRoots) {
        this(allowedRoots, new CloneUrls(List.of(), List.of()));
    }

    public Location locate(String repository) {
        String raw = Objects.requireNonNull(repository).strip();
        if (CloneUrls.isUrl(raw)) {
            String url = cloneUrls.check(raw);
            return new Location(url, RepositoryIds.of(url));
        }
        String real = resolve(raw).toString();
        return new Location(real, RepositoryIds.of(real));
    }

    /**
     * A repository id as given, or the id of the absolute path or clone URL a job was started with (held to the
     * roots and the allowlist).
     */
    public String repositoryId(String repository) {
        String raw = repository.strip();
        return raw.startsWith("/") || CloneUrls.isUrl(raw) ? locate(raw).repositoryId() : raw;
    }

    public Path resolve(String repository) {
        Path real = underRoots(repository, FIELD);
        if (!isGitRepository(real)) {
            throw new RejectedRequestException(FIELD, real + " is not a git repository (no .git, and not a bare "
                    + "repository)");
        }
        return real;
    }

    /**
     * A checkpoint directory a job starts from, held to the allowed roots like a repository: its real path, or the
     * reason with {@code field} to blame.
     */
    public Path checkpoint(String directory, String field) {
        Path real = underRoots(directory, field);
        if (!Files.isRegularFile(real.resolve("config.json"))
                || !Files.isRegularFile(real.resolve("model.safetensors"))) {
            throw new RejectedRequestException(field, real + " is not a checkpoint directory (config.json and "
                    + "model.safetensors)");
        }
        return real;
    }

    /** An absolute path without {@code ..} whose real path (every symlink resolved) lies under an allowed root. */
    private Path underRoots(String given, String field) {
        String raw = Objects.requireNonNull(given).strip();
        if (CloneUrls.isUrl(raw)) {
            throw new RejectedRequestException(field, "a clone URL, where a local path was expected");
        }
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new RejectedRequestException(field, "not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new RejectedRequestException(field, "must be an absolute path, not '" + raw + "'");
        }
        for (Path part : path) {
            if (part.toString().equals("..")) {
                throw new RejectedRequestException(field, "must not contain '..'");
            }
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            throw new RejectedRequestException(field, path + " does not exist or cannot be read");
        }
        if (allowedRoots.stream().noneMatch(root -> under(real, root))) {
            throw new RejectedRequestException(field, real + " is outside the allowed roots " + allowedRoots
                    + " (gitlore.gateway.allowed-roots)");
        }
        return real;
    }

    private static boolean under(Path real, Path root) {
        try {
            return real.startsWith(root.toAbsolutePath().normalize().toRealPath());
        } catch (IOException e) {
            return false; // a root that does not exist admits nothing
        }
    }

    /** A work tree ({@code .git} directory, or a {@code .git} file of a linked worktree) or a bare repository. */
    static boolean isGitRepository(Path dir) {
        Path dotGit = dir.resolve(".git");
        if (Files.isDirectory(dotGit)) {
            return isGitDirectory(dotGit);
        }
        if (Files.isRegularFile(dotGit)) {
            try {
                return Files.readString(dotGit, StandardCharsets.UTF_8).startsWith("gitdir:");
            } catch (IOException e) {
                return false;
            }
        }
        return isGitDirectory(dir);
    }

    private static boolean isGitDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
                && Files.isDirectory(dir.resolve("refs"));
    }
}
