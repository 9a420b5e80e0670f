package io.gitlore.contracts.dataset;

/**
 * How the dataset is cut and planned, as its manifest records it; the tokenizer-service's configuration mapping
 * holds the defaults and the checks, and builds this with {@code TokenizerConfig.toOptions()}.
 *
 * @param contextLength   tokens of context per window
 * @param targetLength    tokens to predict after the context
 * @param stride          tokens between the starts of consecutive windows
 * @param trainShare      oldest share of tokens for training; then validation, the rest is test
 * @param targetTokens    tokens the training should see in all, for the epoch plan
 * @param skipDuplicates  leave out chunks marked exact or near duplicates upstream
 */
public record DatasetOptions(int contextLength, int targetLength, int stride, double trainShare,
                             double validationShare, long targetTokens, int minEpochs, int maxEpochs, int batchSize,
                             boolean skipDuplicates) {

    public int windowLength() {
        return contextLength + targetLength;
    }
}
