package io.gitlore.chunker.config;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the chunker-service (prefix {@code gitlore.chunker}); each is also an env var, see the README. */
@ConfigMapping(prefix = "gitlore.chunker")
public interface ChunkerConfig {

    /** Root of the shared data directory (the blob store the scraper writes). */
    @WithDefault(".data")
    Path dataDir();

    /** Chunks below this token estimate are merged with small neighbours. */
    @WithDefault("64")
    int minTokens();

    /** Units above this token estimate are split at inner boundaries. */
    @WithDefault("512")
    int maxTokens();

    /** Line-window size for text without a structure gitlore knows. */
    @WithDefault("40")
    int windowLines();

    /** Estimated Jaccard similarity from which a chunk is marked near-duplicate. */
    @WithDefault("0.7")
    double nearDuplicateJaccard();

    /** Code larger than this travels as a blob-store reference. */
    @WithDefault("65536")
    int maxInlineCodeBytes();

    /** tree-sitter trees kept by blob id for incremental re-parsing and on-demand complexity. */
    @WithDefault("256")
    int cachedTrees();

    /** Parsed files kept by blob id (the old side of a change is usually the previous new side). */
    @WithDefault("4096")
    int cachedFiles();

    /** Threads preparing files (a path stays with one unless it falls far behind); default: the number of cores. */
    java.util.OptionalInt threads();

    /** Chunk records awaiting Kafka acks, at most. */
    @WithDefault("1024")
    int maxInFlight();

    /** A progress event every this many commits. */
    @WithDefault("250")
    int progressEvery();
}
