package io.gitlore.chunker.syntax;

/**
 * One contiguous run of removed and added lines of a diff: old lines {@code [oldStart, oldStart + oldCount)} became
 * new lines {@code [newStart, newStart + newCount)}; starts are 1-based and point where the run is (or would be).
 */
public record LineEdit(int oldStart, int oldCount, int newStart, int newCount) {
}
