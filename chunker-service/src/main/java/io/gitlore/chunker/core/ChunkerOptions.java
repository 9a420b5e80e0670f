package io.gitlore.chunker.core;

import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The chunker's knobs: a group of the chunker's configuration (its properties sit directly under
 * {@code gitlore.chunker}), and the only place their defaults are written. Tests and benchmarks get one outside
 * Quarkus from SmallRye Config (the test-support {@code Mappings} helper).
 */
public interface ChunkerOptions {

    /** Chunks below this token estimate are merged with small neighbours. */
    @WithDefault("64")
    @Positive
    int minTokens();

    /** Units above this token estimate are split at inner boundaries. */
    @WithDefault("512")
    @Positive
    int maxTokens();

    /** Line-window size for text without a structure gitlore knows. */
    @WithDefault("40")
    @Positive
    int windowLines();

    /** Estimated Jaccard similarity from which a chunk is marked near-duplicate. */
    @WithDefault("0.7")
    @DecimalMin("0")
    @DecimalMax("1")
    double nearDuplicateJaccard();

    /** Code larger than this travels as a blob-store reference. */
    @WithDefault("65536")
    @PositiveOrZero
    int maxInlineCodeBytes();

    /** tree-sitter trees kept by blob id for incremental re-parsing and on-demand complexity. */
    @WithDefault("256")
    @Positive
    int cachedTrees();

    /** Parsed files kept by blob id and path (the old side of a change is usually the previous new side). */
    @WithDefault("4096")
    @Positive
    int cachedFiles();

    /** Merging small chunks up to the split size needs the smaller bound below the larger. */
    @AssertTrue(message = "min-tokens must not exceed max-tokens")
    default boolean isMinTokensWithinMaxTokens() {
        return minTokens() <= maxTokens();
    }
}
