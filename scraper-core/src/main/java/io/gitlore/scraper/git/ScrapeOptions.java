package io.gitlore.scraper.git;

import java.util.OptionalInt;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The knobs of one history scrape: a group of the scraper's configuration (its properties sit directly under
 * {@code gitlore.scraper}), and the only place their defaults are written. Plain JGit code, tests and benchmarks get
 * one outside Quarkus from SmallRye Config (the test-support {@code Mappings} helper).
 */
public interface ScrapeOptions {

    /** How merges are diffed: against their first parent, or not at all (merges then carry no files). */
    @WithDefault("first-parent")
    MergeDiff mergeDiff();

    /** Rename similarity threshold in percent (git's default is 50, JGit's 60). */
    @WithDefault("50")
    @Min(0)
    @Max(100)
    int renameScore();

    /** Above this many added/deleted files per commit, rename detection is skipped (git's default: 1000). */
    @WithDefault("1000")
    @PositiveOrZero
    int renameLimit();

    /** Patches up to this size travel inline in the commit message; larger ones go to the blob store. */
    @WithDefault("65536")
    @PositiveOrZero
    int maxInlinePatchBytes();

    /** Patches are cut (and flagged {@code truncated}) beyond this size, even in the blob store. */
    @WithDefault("8388608")
    @Positive
    int maxPatchBytes();

    /** Old and new bodies of text files up to this size are stored in the blob store (0 disables). */
    @WithDefault("1048576")
    @PositiveOrZero
    int maxBlobBytes();

    /** Files larger than this are treated as binary (no line diff). */
    @WithDefault("16777216")
    @Positive
    int bigFileThreshold();

    /** Upper bound of one serialized Kafka message; larger content is claim-checked. */
    @WithDefault("900000")
    @Positive
    int maxMessageBytes();

    /** Containing branches and tags listed per commit at most; the rest is counted in {@code refsOmitted}. */
    @WithDefault("100")
    @PositiveOrZero
    int maxRefsPerCommit();

    /** A progress event every this many commits. */
    @WithDefault("250")
    @Positive
    int progressEvery();

    /** Threads computing diffs, each with its own JGit reader; default: the number of cores. */
    @WithName("diff-threads")
    @Positive
    OptionalInt configuredDiffThreads();

    /** Worker threads computing diffs: the configured number, else one per core. */
    default int diffThreads() {
        return configuredDiffThreads().orElse(Runtime.getRuntime().availableProcessors());
    }

    /** Whether merges are diffed against their first parent ({@code false}: merges carry no files). */
    default boolean firstParentMergeDiff() {
        return mergeDiff() == MergeDiff.FIRST_PARENT;
    }
}
