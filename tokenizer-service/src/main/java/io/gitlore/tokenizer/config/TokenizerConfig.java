package io.gitlore.tokenizer.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the tokenizer-service (prefix {@code gitlore.tokenizer}); each is also an env var. */
@ConfigMapping(prefix = "gitlore.tokenizer")
public interface TokenizerConfig {

    /** Root of the shared data directory (datasets go to {@code jobs/<job>/dataset}). */
    @WithDefault(".data")
    Path dataDir();

    /** A pretrained model's tokenizer.json to use instead of the built-in GPT-2 byte-level BPE. */
    Optional<Path> tokenizerPath();

    @WithDefault("2048")
    int contextLength();

    @WithDefault("256")
    int targetLength();

    @WithDefault("128")
    int stride();

    @WithDefault("0.85")
    double trainShare();

    @WithDefault("0.10")
    double validationShare();

    /** Tokens the training should see in all; the epoch plan divides it by the train split's tokens. */
    @WithDefault("20000000")
    long targetTokens();

    @WithDefault("3")
    int minEpochs();

    @WithDefault("10")
    int maxEpochs();

    @WithDefault("8")
    int batchSize();

    /** Leave out chunks the chunker marked as exact or near duplicates. */
    @WithDefault("true")
    boolean skipDuplicates();
}
