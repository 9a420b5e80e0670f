package io.gitlore.gateway.store;

import java.time.Instant;
import java.util.List;

/**
 * One commit as the co-change store keeps it: hash, author time, author, subject and the paths it changed (the new
 * path, or the old one for a deletion). One line of {@code <data>/gateway/cochange/<repo-id>.jsonl}.
 */
public record CommitLine(String hash, Instant time, String author, String subject, List<String> files) {

    public CommitLine {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
