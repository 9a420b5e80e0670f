package io.gitlore.tokenizer.config;

import java.nio.file.Path;
import java.util.Optional;

import io.gitlore.contracts.dataset.DatasetOptions;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

/**
 * Every setting of the tokenizer-service (prefix {@code gitlore.tokenizer}), each also an env var, checked at start;
 * docs/configuration.md is generated from it, and {@link #toOptions()} gives the dataset's part as the manifest
 * records it.
 */
@ConfigMapping(prefix = "gitlore.tokenizer")
public interface TokenizerConfig {

    /** Root of the shared data directory (datasets go to {@code jobs/<job>/dataset}). */
    @WithDefault(".data")
    Path dataDir();

    /** A pretrained model's tokenizer.json to use instead of the built-in GPT-2 byte-level BPE. */
    Optional<Path> tokenizerPath();

    /** Tokens of context per training window. */
    @WithDefault("2048")
    @Positive
    int contextLength();

    /** Tokens to predict after the context, per window. */
    @WithDefault("256")
    @Positive
    int targetLength();

    /** Tokens between the starts of consecutive windows. */
    @WithDefault("128")
    @Positive
    int stride();

    /** Oldest share of the tokens for training. */
    @WithDefault("0.85")
    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax("1")
    double trainShare();

    /** Next share of the tokens for validation; the rest, the newest, is the test split. */
    @WithDefault("0.10")
    @DecimalMin("0")
    @DecimalMax("1")
    double validationShare();

    /** Tokens the training should see in all; the epoch plan divides it by the train split's tokens. */
    @WithDefault("20000000")
    @Positive
    long targetTokens();

    /** Fewest epochs the plan gives. */
    @WithDefault("3")
    @Positive
    int minEpochs();

    /** Most epochs the plan gives. */
    @WithDefault("10")
    @Positive
    int maxEpochs();

    /** Windows per training step, for the plan's step counts. */
    @WithDefault("8")
    @Positive
    int batchSize();

    /** Leave out chunks the chunker marked as exact or near duplicates. */
    @WithDefault("true")
    boolean skipDuplicates();

    /** The splits are shares of one stream, so together they cannot exceed it. */
    @AssertTrue(message = "train-share + validation-share must not exceed 1")
    default boolean isSharesWithinOne() {
        return trainShare() + validationShare() <= 1.0 + 1e-9;
    }

    /** The epoch plan clamps between the two bounds. */
    @AssertTrue(message = "min-epochs must not exceed max-epochs")
    default boolean isMinEpochsWithinMaxEpochs() {
        return minEpochs() <= maxEpochs();
    }

    /** The dataset settings as the manifest records them. */
    default DatasetOptions toOptions() {
        return new DatasetOptions(contextLength(), targetLength(), stride(), trainShare(), validationShare(),
                targetTokens(), minEpochs(), maxEpochs(), batchSize(), skipDuplicates());
    }
}
