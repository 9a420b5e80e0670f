package io.gitlore.contracts.scrape;

/** How a file changed in a commit, as git names it. */
public enum ChangeType {
    ADDED, MODIFIED, DELETED, RENAMED, COPIED
}
