package io.gitlore.chunker.config;

import java.nio.file.Path;
import java.util.OptionalInt;

import io.gitlore.chunker.core.ChunkerOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import jakarta.validation.constraints.Positive;

/**
 * Every setting of the chunker-service (prefix {@code gitlore.chunker}), each also an env var, checked at start;
 * docs/configuration.md is generated from it.
 */
@ConfigMapping(prefix = "gitlore.chunker")
public interface ChunkerConfig {

    /** Root of the shared data directory (the blob store the scraper writes). */
    @WithDefault(".data")
    Path dataDir();

    /** How commits are cut into chunks (its properties sit directly under the prefix). */
    @WithParentName
    ChunkerOptions chunking();

    /** Threads preparing files (a path stays with one unless it falls far behind); default: the number of cores. */
    @Positive
    OptionalInt threads();

    /** Chunk records awaiting Kafka acks, at most. */
    @WithDefault("1024")
    @Positive
    int maxInFlight();

    /** A progress event every this many commits. */
    @WithDefault("250")
    @Positive
    int progressEvery();
}
