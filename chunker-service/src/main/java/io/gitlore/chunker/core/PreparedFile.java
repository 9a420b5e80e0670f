package io.gitlore.chunker.core;

/**
 * One file made ready to emit: its drafts, or why it was skipped (then {@code drafts} is null), and how many of its
 * drafts come from code that did not parse. Preparing touches no job state, so it can run on any thread.
 */
record PreparedFile(FileDrafts drafts, String skip, int parseFallbacks) {

    static PreparedFile skipped(String reason) {
        return new PreparedFile(null, reason, 0);
    }
}
