package io.gitlore.scraper.git;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.scrape.SnapshotBatch;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads a repository's whole history in one JGit pass and produces a {@link PreScan}, one {@link CommitRecord} per
 * commit (parents before children, ties oldest first) and a closing {@link RepositorySummary}.
 *
 * <p>One {@link RevWalk} orders the whole graph; {@link RefTips} tells which refs contain each commit in a single
 * propagation over the graph; {@link DiffWorkers} run the {@link CommitAssembler} on a few threads; records are
 * emitted from this thread in history order, and a {@link BranchSnapshot} follows them to send the default branch's
 * files at the end.
 */
public final class HistoryScraper {

    /** Receives the scrape's output in order; {@code commit} may block to apply back-pressure. */
    public interface Listener {
        void preScan(PreScan preScan);

        void commit(CommitRecord commit);

        default void progress(long done, long total) {
        }

        /** A batch of the snapshot's files, after the last commit. */
        default void snapshot(SnapshotBatch batch) {
        }

        /**
         * Asked before each commit is handed over: why the job was cancelled, or null to go on. A reason stops the
         * walk there; the summary then counts the commits handed over before it and no snapshot follows.
         */
        default String cancelled() {
            return null;
        }
    }

    /** What a scrape covers: which job, which refs, from where. */
    public record Request(String jobId, String repositoryId, String displayName, List<String> refFilter,
                         String sinceCommit, boolean snapshot, String snapshotRef) {

        public Request(String jobId, String repositoryId, String displayName, List<String> refFilter,
                       String sinceCommit) {
            this(jobId, repositoryId, displayName, refFilter, sinceCommit, false, null);
        }
    }

    /**
     * The summary that ends the stream, the commits emitted (to record as seen once they are acked) and how many
     * the walk had to emit.
     */
    public record Result(RepositorySummary summary, List<ObjectId> emitted, long total) {
    }

    /** One commit's finished record, its share of the summary figures and the blob writes it must wait for. */
    private record Done(CommitRecord record, ScrapeStats stats, RevCommit commit, boolean onSnapshot,
                        List<CompletableFuture<Void>> writes) {
    }

    private final ScrapeOptions options;
    private final BlobStore blobs;
    private final CommitAssembler assembler;

    public HistoryScraper(ScrapeOptions options, BlobStore blobs) {
        this.options = options;
        this.blobs = blobs;
        this.assembler = new CommitAssembler(options);
    }

    public Result scrape(Repository repo, Request request, SeenCommits seen, Listener listener)
            throws ScrapeException {
        long started = System.nanoTime();
        List<String> notes = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {

            RefTips tips = RefTips.read(repo, walk, request.refFilter(), notes);
            boolean shallow = Files.exists(repo.getDirectory().toPath().resolve("shallow"));
            if (shallow) {
                notes.add("shallow clone: history stops at the grafted commits listed in .git/shallow; "
                        + "their parents are not in this copy");
            }
            if (tips.commits().isEmpty()) {
                notes.add(tips.refCount() == 0 ? "the repository has no commits (no refs point to a commit)"
                        : "no ref matched the ref filter " + request.refFilter());
            }
            List<RevCommit> newestFirst = newestFirst(repo, walk, tips, request.sinceCommit());
            long alreadySeen = newestFirst.stream().filter(seen::contains).count();
            long total = newestFirst.size() - alreadySeen;
            listener.preScan(new PreScan(request.jobId(), request.repositoryId(), total, alreadySeen,
                    tips.refCount(), tips.branches().size(), tips.tags().size(), shallow,
                    (System.nanoTime() - started) / 1_000_000));

            BitSet[] containing = tips.containment(newestFirst);
            int snapshotRef = request.snapshot() ? tips.snapshotRef(repo, request.snapshotRef(), notes) : -1;
            BranchSnapshot snapshot = new BranchSnapshot(options, blobs);
            ScrapeStats stats = new ScrapeStats();
            List<ObjectId> emitted = new ArrayList<>((int) total);
            long index = seen.size();
            Map<BitSet, RefTips.Names> refNames = new HashMap<>();
            String cancelled = null;
            try (DiffMemo memo = new DiffMemo(blobs, options.maxBlobBytes());
                 DiffWorkers<Done> workers = new DiffWorkers<>(repo, options.diffThreads(), memo,
                         diff -> CommitDiffer.configure(diff, options))) {
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    RevCommit commit = newestFirst.get(i);
                    if (seen.contains(commit)) {
                        continue;
                    }
                    for (RevCommit parent : commit.getParents()) {
                        walk.parseHeaders(parent); // workers read parent trees; parse here, single-threaded
                    }
                    long position = index++;
                    BitSet containingRefs = containing[i];
                    boolean onSnapshot = snapshotRef >= 0 && containingRefs.get(snapshotRef);
                    // Neighbouring commits mostly share their containing refs: name each set once.
                    RefTips.Names refs = refNames.computeIfAbsent(containingRefs,
                            r -> tips.names(r, options.maxRefsPerCommit()));
                    workers.submit(diff -> {
                        ScrapeStats local = new ScrapeStats();
                        CommitRecord record = assembler.assemble(diff, request, commit, position, refs, local);
                        return new Done(record, local, commit, onSnapshot, diff.takeWrites());
                    });
                    if (workers.full() && (cancelled = emit(workers.next(), listener, stats, emitted, total,
                            snapshot)) != null) {
                        break;
                    }
                }
                while (cancelled == null && workers.hasNext()) {
                    cancelled = emit(workers.next(), listener, stats, emitted, total, snapshot);
                }
            }
            if (cancelled != null) {
                notes.add("cancelled after " + emitted.size() + " of " + total + " commits: " + cancelled);
            } else if (emitted.size() % options.progressEvery() != 0) {
                listener.progress(emitted.size(), total);
            }
            String snapshotName = snapshotRef >= 0 && cancelled == null ? tips.fullNames().get(snapshotRef) : null;
            RevCommit snapshotCommit = snapshotName != null ? tips.commitOf(snapshotRef) : null;
            long snapshotFiles = snapshotCommit == null ? 0
                    : snapshot.send(reader, request, snapshotName, snapshotCommit, listener, notes);
            RepositorySummary summary = new RepositorySummary(request.jobId(), request.repositoryId(),
                    request.displayName(), emitted.size(), alreadySeen, stats.authors.size(), stats.merges,
                    stats.paths.size(), tips.branches().size(), tips.tags().size(), stats.insertions,
                    stats.deletions, stats.first, stats.last, stats.missing, stats.nonUtf8Files,
                    stats.nonUtf8Messages, stats.binary, stats.truncated, stats.claimChecked, shallow,
                    tips.detachedHead(), snapshotName, snapshotCommit == null ? null : snapshotCommit.name(),
                    snapshotFiles, (System.nanoTime() - started) / 1_000_000, List.copyOf(notes), cancelled);
            return new Result(summary, emitted, total);
        } catch (IOException e) {
            throw new ScrapeException("reading the repository failed: " + e.getMessage(), e);
        }
    }

    /** Every commit reachable from the tips and not from {@code since}, children before parents, newest first. */
    private static List<RevCommit> newestFirst(Repository repo, RevWalk walk, RefTips tips, String since)
            throws IOException, ScrapeException {
        walk.sort(RevSort.TOPO);
        walk.sort(RevSort.COMMIT_TIME_DESC, true);
        for (RevCommit tip : tips.commits().keySet()) {
            walk.markStart(tip);
        }
        if (since != null && !since.isBlank()) {
            walk.markUninteresting(resolveSince(repo, walk, since));
        }
        List<RevCommit> commits = new ArrayList<>();
        try {
            for (RevCommit c : walk) {
                commits.add(c);
            }
        } catch (RevWalkException e) {
            String missing = e.getCause() instanceof MissingObjectException m ? "commit " + m.getObjectId().name()
                    + " is missing from the repository" : "the history cannot be walked";
            throw new ScrapeException(missing + ": " + e.getMessage() + " (run `git fsck` on the copy)", e);
        }
        return commits;
    }

    private static RevCommit resolveSince(Repository repo, RevWalk walk, String since) throws ScrapeException {
        try {
            ObjectId id = repo.resolve(since + "^{commit}");
            if (id == null) {
                throw new ScrapeException("since-commit '" + since + "' is not a commit of this repository");
            }
            return walk.parseCommit(id);
        } catch (IOException | RuntimeException e) {
            throw new ScrapeException("since-commit '" + since + "' cannot be resolved: " + e.getMessage(), e);
        }
    }

    /**
     * Hands one finished commit to the listener, in history order, and counts it; returns the reason instead when
     * the job was cancelled (the commit is not handed over), else null.
     */
    private String emit(Done done, Listener listener, ScrapeStats stats, List<ObjectId> emitted, long total,
                        BranchSnapshot snapshot) {
        String cancelled = listener.cancelled();
        if (cancelled != null) {
            return cancelled;
        }
        for (CompletableFuture<Void> write : done.writes()) {
            try {
                write.join(); // the record is only sent once the bodies it refers to are in the blob store
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        listener.commit(done.record());
        stats.add(done.stats());
        if (done.onSnapshot()) {
            snapshot.credit(done.record());
        }
        emitted.add(done.commit().copy());
        if (emitted.size() % options.progressEvery() == 0) {
            listener.progress(emitted.size(), total);
        }
        return null;
    }
}
