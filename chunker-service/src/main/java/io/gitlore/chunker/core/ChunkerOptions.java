package io.gitlore.chunker.core;

/**
 * The chunker's knobs, independent of Quarkus.
 *
 * @param minTokens           chunks below this estimate are merged with small neighbours
 * @param maxTokens           units above this estimate are split at inner boundaries
 * @param windowLines         line-window size for text that has no structure gitlore knows
 * @param nearDuplicateJaccard estimated Jaccard similarity from which a chunk is marked near-duplicate
 * @param maxInlineCodeBytes  code larger than this travels as a blob-store reference
 * @param cachedTrees         tree-sitter trees kept by blob id for incremental re-parsing and complexity
 * @param cachedFiles         parsed files (units) kept by blob id and path
 */
public record ChunkerOptions(int minTokens, int maxTokens, int windowLines, double nearDuplicateJaccard,
                             int maxInlineCodeBytes, int cachedTrees, int cachedFiles) {

    public static ChunkerOptions defaults() {
        return new ChunkerOptions(64, 512, 40, 0.7, 65_536, 256, 4096);
    }
}
