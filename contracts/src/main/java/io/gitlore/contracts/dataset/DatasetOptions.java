package io.gitlore.contracts.dataset;

/**
 * How the dataset is cut and planned.
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

    public static DatasetOptions defaults() {
        return new DatasetOptions(2048, 256, 128, 0.85, 0.10, 20_000_000L, 3, 10, 8, true);
    }

    public int windowLength() {
        return contextLength + targetLength;
    }
}
