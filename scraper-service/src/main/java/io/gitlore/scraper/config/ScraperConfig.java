package io.gitlore.scraper.config;

import java.nio.file.Path;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the scraper-service (prefix {@code gitlore.scraper}); each is also an env var, see the README. */
@ConfigMapping(prefix = "gitlore.scraper")
public interface ScraperConfig {

    /** Root of the shared data directory (blobs, per-repository state, clones). */
    @WithDefault(".data")
    Path dataDir();

    /** Local repositories are accepted only under these directories. */
    @WithDefault("${user.dir}")
    List<Path> allowedRoots();

    /** Hosts a clone URL may name. */
    @WithDefault("github.com,gitlab.com,bitbucket.org,codeberg.org")
    List<String> allowedHosts();

    /** Schemes a clone URL may use ({@code file} is never accepted). */
    @WithDefault("https,ssh")
    List<String> allowedSchemes();

    /** How merges are diffed: {@code first-parent} or {@code none}. */
    @WithDefault("first-parent")
    String mergeDiff();

    /** Rename similarity threshold in percent (git's default is 50, JGit's 60). */
    @WithDefault("50")
    int renameScore();

    /** Above this many added/deleted files per commit, rename detection is skipped (git's default: 1000). */
    @WithDefault("1000")
    int renameLimit();

    /** Patches up to this size travel inline in the commit message; larger ones go to the blob store. */
    @WithDefault("65536")
    int maxInlinePatchBytes();

    /** Patches are cut (and flagged {@code truncated}) beyond this size, even in the blob store. */
    @WithDefault("8388608")
    int maxPatchBytes();

    /** Old and new bodies of text files up to this size are stored in the blob store (0 disables). */
    @WithDefault("1048576")
    int maxBlobBytes();

    /** Files larger than this are treated as binary (no line diff). */
    @WithDefault("16777216")
    int bigFileThreshold();

    /** Upper bound of one serialized Kafka message; larger content is claim-checked. */
    @WithDefault("900000")
    int maxMessageBytes();

    /** Containing branches and tags listed per commit at most; the rest is counted in {@code refsOmitted}. */
    @WithDefault("100")
    int maxRefsPerCommit();

    /** Threads computing diffs, each with its own JGit reader; default: the number of cores. */
    java.util.OptionalInt diffThreads();

    /** Also send the files at the default branch's head (or the request's snapshot ref) for chunking. */
    @WithDefault("true")
    boolean snapshot();

    /** A progress event every this many commits. */
    @WithDefault("250")
    int progressEvery();

    /** Commit records sent but not yet acknowledged by Kafka, at most. */
    @WithDefault("512")
    int maxInFlight();
}
