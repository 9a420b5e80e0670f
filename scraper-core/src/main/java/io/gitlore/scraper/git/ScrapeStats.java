package io.gitlore.scraper.git;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The running figures of one scrape that end up in its {@code RepositorySummary}; each diff worker fills its own
 * per commit, and the emitting thread adds them up in history order.
 */
final class ScrapeStats {

    final Set<String> authors = new HashSet<>();
    final Set<String> paths = new HashSet<>();
    long merges;
    long insertions;
    long deletions;
    long missing;
    long nonUtf8Files;
    long nonUtf8Messages;
    long binary;
    long truncated;
    long claimChecked;
    Instant first;
    Instant last;

    /** Widens the first/last commit time to include {@code when}. */
    void committedAt(Instant when) {
        first = first == null || when.isBefore(first) ? when : first;
        last = last == null || when.isAfter(last) ? when : last;
    }

    void add(ScrapeStats o) {
        authors.addAll(o.authors);
        paths.addAll(o.paths);
        merges += o.merges;
        insertions += o.insertions;
        deletions += o.deletions;
        missing += o.missing;
        nonUtf8Files += o.nonUtf8Files;
        nonUtf8Messages += o.nonUtf8Messages;
        binary += o.binary;
        truncated += o.truncated;
        claimChecked += o.claimChecked;
        first = first == null || o.first != null && o.first.isBefore(first) ? o.first : first;
        last = last == null || o.last != null && o.last.isAfter(last) ? o.last : last;
    }
}
