package io.gitlore.scraper.git;

/** How a merge commit's files are diffed: against its first parent (as {@code git log -m --first-parent}), or not. */
public enum MergeDiff {
    FIRST_PARENT, NONE
}
