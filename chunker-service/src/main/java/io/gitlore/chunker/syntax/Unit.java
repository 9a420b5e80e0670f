package io.gitlore.chunker.syntax;

import java.util.List;

import io.gitlore.contracts.chunk.ChunkKind;

/**
 * One syntax unit of a parsed file: its kind, names, line and byte range and, for containers
 * (impl blocks, classes, modules), the line ranges of the members that are units of their own.
 *
 * @param localName     the qualified name without the file's module or package, so a unit keeps its identity
 *                      when its file is renamed
 * @param startLine     1-based, including leading attributes and doc comments
 * @param signatureLine 1-based line of the unit's own signature (its name), after attributes and doc comments
 * @param endLine       1-based, inclusive
 * @param memberRanges  {@code [start, end, signature]} lines of member units (containers only)
 */
public record Unit(ChunkKind kind, String unitType, String name, String qualifiedName, String localName,
                   int startLine, int signatureLine, int endLine,
                   int startByte, int endByte, List<int[]> memberRanges, boolean fromErrorRegion) {

    public boolean isContainer() {
        return !memberRanges.isEmpty();
    }

    public boolean covers(int line) {
        return line >= startLine && line <= endLine;
    }

    /** Whether the line belongs to this unit itself rather than to one of its member units. */
    public boolean ownsLine(int line) {
        if (!covers(line)) {
            return false;
        }
        for (int[] member : memberRanges) {
            if (line >= member[0] && line <= member[1]) {
                return false;
            }
        }
        return true;
    }

    /** A key that identifies "the same unit" across two versions of a file. */
    public String identity() {
        return kind + ":" + localName;
    }
}
