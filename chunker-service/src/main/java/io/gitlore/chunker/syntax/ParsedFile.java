package io.gitlore.chunker.syntax;

import java.util.List;

/**
 * The units of one version of one file, plus the line ranges tree-sitter could not parse (error regions).
 *
 * @param errorRanges {@code [start, end]} 1-based line pairs of top-level ERROR nodes
 */
public record ParsedFile(List<Unit> units, List<int[]> errorRanges) {

    public boolean inErrorRegion(int line) {
        for (int[] r : errorRanges) {
            if (line >= r[0] && line <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
