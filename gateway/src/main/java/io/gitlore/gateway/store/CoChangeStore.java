package io.gitlore.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.gitlore.contracts.job.JobIds;
import org.jboss.logging.Logger;

/**
 * Takes the scraper's commits (each once, by hash) and keeps, per repository, how often two files changed in the
 * same commit, how many commits changed each file, and each file's first and latest commits; durable as one
 * append-only log per repository ({@link JobFiles} format under {@code <data>/gateway/cochange}), read back at start.
 * Merges are left out (their diff against the first parent repeats the branch's commits), and so are commits wider
 * than {@code maxFiles} (a reformat or a vendored import says nothing about which files belong together).
 */
public final class CoChangeStore {

    private static final Logger LOG = Logger.getLogger(CoChangeStore.class);
    private static final Comparator<CommitLine> NEWEST_FIRST = Comparator.comparing(CommitLine::time,
            Comparator.nullsLast(Comparator.reverseOrder()));

    /** A file that changed together with another: in how many commits, and that share of the other's commits. */
    public record CoChange(String path, int commits, double share) {
    }

    /** One file's commits: the first that touched it, the latest ones newest first, and how many in all. */
    public record FileHistory(CommitLine first, List<CommitLine> latest, int commits) {
    }

    private static final class Repository {
        final Set<String> hashes = new HashSet<>();
        final Map<String, Integer> commitsPerFile = new HashMap<>();
        final Map<String, Map<String, Integer>> pairs = new HashMap<>();
        final Map<String, CommitLine> first = new HashMap<>();
        final Map<String, Deque<CommitLine>> latest = new HashMap<>();
    }

    private final JobFiles files;
    private final int maxFiles;
    private final int keepLatest;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();

    public CoChangeStore(Path directory, int maxFiles, int keepLatest) {
        this.files = new JobFiles(directory);
        this.maxFiles = maxFiles;
        this.keepLatest = keepLatest;
        try {
            for (String repositoryId : files.jobIds()) {
                files.read(repositoryId, CommitLine.class).forEach(c -> count(repositoryId, c));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the co-change store at " + directory, e);
        }
        LOG.infof("co-change store at %s: %d repositories", files.directory(), repositories.size());
    }

    /**
     * Counts a commit of a repository; false when it was counted before, is a merge, changed no file or more than
     * {@code maxFiles} files (then nothing is stored).
     */
    public synchronized boolean add(String repositoryId, CommitLine commit, boolean merge) {
        JobIds.require(repositoryId);
        Repository repository = repositories.get(repositoryId);
        if (merge || commit.files().isEmpty() || commit.files().size() > maxFiles
                || repository != null && repository.hashes.contains(commit.hash())) {
            return false;
        }
        files.append(repositoryId, commit);
        count(repositoryId, commit);
        return true;
    }

    /** The files that most often changed with {@code path}, most first (ties by path). */
    public synchronized List<CoChange> coChanged(String repositoryId, String path, int limit) {
        Repository repository = repositories.get(repositoryId);
        if (repository == null || !repository.pairs.containsKey(path)) {
            return List.of();
        }
        int own = repository.commitsPerFile.getOrDefault(path, 0);
        return repository.pairs.get(path).entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new CoChange(e.getKey(), e.getValue(), own == 0 ? 0 : (double) e.getValue() / own))
                .toList();
    }

    public synchronized Optional<FileHistory> history(String repositoryId, String path) {
        Repository repository = repositories.get(repositoryId);
        if (repository == null || !repository.first.containsKey(path)) {
            return Optional.empty();
        }
        List<CommitLine> latest = new ArrayList<>(repository.latest.get(path));
        latest.sort(NEWEST_FIRST);
        return Optional.of(new FileHistory(repository.first.get(path), latest, repository.commitsPerFile.get(path)));
    }

    /** Commits counted for a repository (for tests and metrics). */
    public synchronized int commits(String repositoryId) {
        Repository repository = repositories.get(repositoryId);
        return repository == null ? 0 : repository.hashes.size();
    }

    private void count(String repositoryId, CommitLine commit) {
        Repository r = repositories.computeIfAbsent(repositoryId, k -> new Repository());
        if (!r.hashes.add(commit.hash())) {
            return;
        }
        List<String> paths = commit.files().stream().distinct().toList();
        for (String a : paths) {
            r.commitsPerFile.merge(a, 1, Integer::sum);
            // Commits arrive oldest first, but a file's first commit is kept by time in case they do not.
            r.first.merge(a, commit, (old, now) -> earlier(now, old) ? now : old);
            Deque<CommitLine> latest = r.latest.computeIfAbsent(a, k -> new ArrayDeque<>());
            latest.addFirst(commit);
            if (latest.size() > keepLatest) {
                List<CommitLine> sorted = new ArrayList<>(latest);
                sorted.sort(NEWEST_FIRST);
                latest.clear();
                latest.addAll(sorted.subList(0, keepLatest));
            }
            for (String b : paths) {
                if (!a.equals(b)) {
                    r.pairs.computeIfAbsent(a, k -> new HashMap<>()).merge(b, 1, Integer::sum);
                }
            }
        }
    }

    private static boolean earlier(CommitLine a, CommitLine b) {
        return a.time() != null && (b.time() == null || a.time().isBefore(b.time()));
    }
}
