package io.gitlore.contracts.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a dataset directory holds: counts, splits with their commit/date boundaries, shards with their SHA-256, the
 * tokenizer's identity, the windowing and the epoch plan. Written as {@code manifest.json} beside the shards.
 *
 * @param tokenDtype  {@code uint16} when the vocabulary fits, else {@code int32}; little-endian
 * @param chunksWithReplacementCharacters chunks whose text held bytes that were not UTF-8 (replaced by U+FFFD)
 * @param splits      train, validation, test in time order
 */
public record DatasetManifest(String jobId, String repositoryId, String tokenizerFile, String tokenizerSha256,
                              int vocabularySize, String tokenDtype, long commits, long chunks,
                              long chunksSkippedAsDuplicates, long chunksSkippedAsSnapshot,
                              long chunksWithReplacementCharacters, long tokens,
                              DatasetOptions options, List<Split> splits, EpochPlan epochs, Instant createdAt) {

    /** One time-ordered split: its commits and dates, its token stream shard and its window index. */
    public record Split(String name, long tokens, long commits, String firstCommit, String lastCommit,
                        Instant firstTime, Instant lastTime, long windows, long packedSequences,
                        Map<String, Shard> shards) {
    }

    /** A binary file of the split, with its element count and checksum. */
    public record Shard(String file, String dtype, long elements, long bytes, String sha256) {
    }

    /**
     * {@code epochs = clamp(floor(targetTokens / trainTokens), minEpochs, maxEpochs)}; steps count windows in
     * batches; warmup is 10% of the steps bounded to [100, 1000] (and never more than the steps).
     */
    public record EpochPlan(long targetTokens, long trainTokens, int epochs, long stepsPerEpoch, long totalSteps,
                            long warmupSteps, int batchSize) {
    }
}
