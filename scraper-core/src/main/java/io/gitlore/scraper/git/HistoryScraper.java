package io.gitlore.scraper.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.gitlore.contracts.Languages;
import io.gitlore.contracts.blob.BlobRef;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.ChangeType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.scrape.Signature;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.contracts.scrape.SnapshotFile;
import org.eclipse.jgit.treewalk.TreeWalk;
import io.gitlore.contracts.serde.Json;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Reads a repository's whole history in one JGit pass and produces a {@link PreScan}, one {@link CommitRecord} per
 * commit (parents before children, ties oldest first) and a closing {@link RepositorySummary}.
 *
 * <p>One {@link RevWalk} orders the whole graph; a few diff workers, each with one reused {@link ObjectReader} and
 * diff formatter, compute the commits' diffs; the refs containing each commit come from a single propagation over
 * the graph, not from per-commit queries.
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
    }

    /** What a scrape covers: which job, which refs, from where. */
    public record Request(String jobId, String repositoryId, String displayName, List<String> refFilter,
                         String sinceCommit, boolean snapshot, String snapshotRef) {

        public Request(String jobId, String repositoryId, String displayName, List<String> refFilter,
                       String sinceCommit) {
            this(jobId, repositoryId, displayName, refFilter, sinceCommit, false, null);
        }
    }

    /** The last commit on the snapshot ref's history that touched a path. */
    private record Touch(String hash, long index, String author, String email, Instant time, String subject) {
    }

    private static final int SNAPSHOT_BATCH = 200;

    /** The summary that ends the stream, and the commits emitted (to record as seen once they are acked). */
    public record Result(RepositorySummary summary, List<ObjectId> emitted) {
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final ScrapeOptions options;
    private final BlobStore blobs;

    public HistoryScraper(ScrapeOptions options, BlobStore blobs) {
        this.options = options;
        this.blobs = blobs;
    }

    public Result scrape(Repository repo, Request request, SeenCommits seen, Listener listener)
            throws ScrapeException {
        long started = System.nanoTime();
        List<String> notes = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {

            Tips tips = tips(repo, walk, request.refFilter(), notes);
            boolean shallow = Files.exists(repo.getDirectory().toPath().resolve("shallow"));
            if (shallow) {
                notes.add("shallow clone: history stops at the grafted commits listed in .git/shallow; "
                        + "their parents are not in this copy");
            }
            if (tips.commits().isEmpty()) {
                notes.add(tips.refCount() == 0 ? "the repository has no commits (no refs point to a commit)"
                        : "no ref matched the ref filter " + request.refFilter());
            }

            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.COMMIT_TIME_DESC, true);
            for (RevCommit tip : tips.commits().keySet()) {
                walk.markStart(tip);
            }
            if (request.sinceCommit() != null && !request.sinceCommit().isBlank()) {
                walk.markUninteresting(resolveSince(repo, walk, request.sinceCommit()));
            }
            List<RevCommit> newestFirst = new ArrayList<>();
            try {
                for (RevCommit c : walk) {
                    newestFirst.add(c);
                }
            } catch (org.eclipse.jgit.errors.RevWalkException e) {
                String missing = e.getCause() instanceof MissingObjectException m ? "commit " + m.getObjectId().name()
                        + " is missing from the repository" : "the history cannot be walked";
                throw new ScrapeException(missing + ": " + e.getMessage() + " (run `git fsck` on the copy)", e);
            }
            long alreadySeen = newestFirst.stream().filter(seen::contains).count();
            long total = newestFirst.size() - alreadySeen;
            listener.preScan(new PreScan(request.jobId(), request.repositoryId(), total, alreadySeen,
                    tips.refCount(), tips.branches().size(), tips.tags().size(), shallow,
                    (System.nanoTime() - started) / 1_000_000));

            BitSet[] containing = containment(newestFirst, tips);
            int snapshotRef = request.snapshot() ? snapshotRefIndex(repo, tips, request.snapshotRef(), notes) : -1;
            Map<String, Touch> lastTouch = new HashMap<>();
            Stats stats = new Stats();
            List<ObjectId> emitted = new ArrayList<>((int) total);
            long index = seen.size();
            // Diffs are computed by worker threads, each with its own reader and formatter (JGit readers are not
            // thread-safe); records are emitted strictly in history order from this thread.
            int threads = Math.max(1, options.diffThreads());
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "gitlore-diff");
                t.setDaemon(true);
                return t;
            });
            List<Worker> workers = java.util.Collections.synchronizedList(new ArrayList<>());
            ThreadLocal<Worker> worker = ThreadLocal.withInitial(() -> {
                Worker w = new Worker(repo);
                workers.add(w);
                return w;
            });
            ArrayDeque<Future<Done>> pending = new ArrayDeque<>();
            try {
                for (int i = newestFirst.size() - 1; i >= 0; i--) {
                    RevCommit commit = newestFirst.get(i);
                    if (seen.contains(commit)) {
                        continue;
                    }
                    for (RevCommit parent : commit.getParents()) {
                        walk.parseHeaders(parent); // workers read parent trees; parse here, single-threaded
                    }
                    long position = index++;
                    BitSet refs = containing[i];
                    boolean onSnapshot = snapshotRef >= 0 && refs.get(snapshotRef);
                    pending.add(pool.submit(() -> {
                        Stats local = new Stats();
                        return new Done(toRecord(worker.get().diff, request, commit, position, refs, tips, local),
                                local, commit, onSnapshot);
                    }));
                    if (pending.size() >= threads * 32) {
                        emit(pending.poll(), listener, stats, emitted, total, lastTouch);
                    }
                }
                while (!pending.isEmpty()) {
                    emit(pending.poll(), listener, stats, emitted, total, lastTouch);
                }
            } finally {
                pool.shutdownNow();
                workers.forEach(Worker::close);
            }
            if (emitted.size() % options.progressEvery() != 0) {
                listener.progress(emitted.size(), total);
            }
            String snapshotName = snapshotRef >= 0 ? tips.fullNames().get(snapshotRef) : null;
            RevCommit snapshotCommit = snapshotRef >= 0 ? tips.commitOf(snapshotRef) : null;
            long snapshotFiles = snapshotCommit == null ? 0
                    : snapshot(reader, request, snapshotName, snapshotCommit, lastTouch, listener, notes);
            RepositorySummary summary = new RepositorySummary(request.jobId(), request.repositoryId(),
                    request.displayName(), emitted.size(), alreadySeen, stats.authors.size(), stats.merges,
                    stats.paths.size(), tips.branches().size(), tips.tags().size(), stats.insertions,
                    stats.deletions, stats.first, stats.last, stats.missing, stats.nonUtf8Files,
                    stats.nonUtf8Messages, stats.binary, stats.truncated, stats.claimChecked, shallow,
                    tips.detachedHead(), snapshotName, snapshotCommit == null ? null : snapshotCommit.name(),
                    snapshotFiles, (System.nanoTime() - started) / 1_000_000, List.copyOf(notes));
            return new Result(summary, emitted);
        } catch (IOException e) {
            throw new ScrapeException("reading the repository failed: " + e.getMessage(), e);
        }
    }

    /** The commits that refs point to, with the names of the refs at each, after the ref filter. */
    private record Tips(Map<RevCommit, List<Integer>> commits, List<String> names, List<String> fullNames,
                        Set<Integer> branches, Set<Integer> tags, int refCount, boolean detachedHead) {

        RevCommit commitOf(int ref) {
            for (Map.Entry<RevCommit, List<Integer>> e : commits.entrySet()) {
                if (e.getValue().contains(ref)) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    private Tips tips(Repository repo, RevWalk walk, List<String> filter, List<String> notes) throws IOException {
        Map<RevCommit, List<Integer>> commits = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        List<String> fullNames = new ArrayList<>();
        Set<Integer> branches = new HashSet<>();
        Set<Integer> tags = new HashSet<>();
        List<Ref> refs = new ArrayList<>(repo.getRefDatabase().getRefs());
        Ref head = repo.exactRef(Constants.HEAD);
        boolean detached = head != null && !head.isSymbolic() && head.getObjectId() != null;
        if (detached) {
            if (refs.stream().noneMatch(r -> r.getName().equals(Constants.HEAD))) {
                refs.add(head);
            }
            notes.add("HEAD is detached at " + head.getObjectId().abbreviate(7).name()
                    + "; its history is included as ref HEAD");
        }
        int refCount = 0;
        for (Ref ref : refs) {
            if (ref.isSymbolic() || ref.getObjectId() == null || !RefFilter.matches(filter, ref.getName())) {
                continue;
            }
            RevObject target;
            try {
                target = walk.peel(walk.parseAny(ref.getObjectId()));
            } catch (MissingObjectException e) {
                notes.add("ref " + ref.getName() + " points to a missing object " + e.getObjectId().name()
                        + " and was left out");
                continue;
            }
            if (!(target instanceof RevCommit commit)) {
                continue; // tags of trees or blobs have no history
            }
            refCount++;
            int id = names.size();
            String name = ref.getName();
            fullNames.add(name);
            if (name.startsWith(Constants.R_TAGS)) {
                names.add(name.substring(Constants.R_TAGS.length()));
                tags.add(id);
            } else {
                names.add(Repository.shortenRefName(name));
                branches.add(id);
            }
            commits.computeIfAbsent(commit, c -> new ArrayList<>()).add(id);
        }
        return new Tips(commits, names, fullNames, branches, tags, refCount, detached);
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
     * For each commit (same positions as {@code newestFirst}), the refs whose history contains it. Children come
     * before parents in topological order, so one forward pass pushes each commit's set into its parents.
     */
    private static BitSet[] containment(List<RevCommit> newestFirst, Tips tips) {
        Map<RevCommit, Integer> position = new HashMap<>(newestFirst.size() * 2);
        for (int i = 0; i < newestFirst.size(); i++) {
            position.put(newestFirst.get(i), i);
        }
        BitSet[] sets = new BitSet[newestFirst.size()];
        for (Map.Entry<RevCommit, List<Integer>> tip : tips.commits().entrySet()) {
            Integer pos = position.get(tip.getKey());
            if (pos != null) {
                BitSet set = sets[pos] == null ? (sets[pos] = new BitSet()) : sets[pos];
                tip.getValue().forEach(set::set);
            }
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            BitSet set = sets[i] == null ? (sets[i] = new BitSet()) : sets[i];
            for (RevCommit parent : newestFirst.get(i).getParents()) {
                Integer pos = position.get(parent);
                if (pos == null) {
                    continue;
                }
                if (sets[pos] == null) {
                    sets[pos] = (BitSet) set.clone();
                } else {
                    sets[pos].or(set);
                }
            }
        }
        return sets;
    }

    /**
     * The ref whose files are snapshotted: the requested one (full or short name), else the default branch (what
     * HEAD points to, or HEAD itself when detached). Returns its index among the tips, or -1 with a note.
     */
    private static int snapshotRefIndex(Repository repo, Tips tips, String requested, List<String> notes)
            throws IOException {
        String wanted = requested;
        if (wanted == null || wanted.isBlank()) {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null || head.getObjectId() == null && !head.isSymbolic()) {
                return -1;
            }
            wanted = head.isSymbolic() ? head.getTarget().getName() : Constants.HEAD;
        }
        for (int i = 0; i < tips.fullNames().size(); i++) {
            String full = tips.fullNames().get(i);
            if (full.equals(wanted) || full.equals(Constants.R_HEADS + wanted) || full.equals(Constants.R_TAGS + wanted)
                    || tips.names().get(i).equals(wanted)) {
                return i;
            }
        }
        if (!tips.commits().isEmpty()) {
            notes.add("snapshot ref '" + wanted + "' is not among the scraped refs: no snapshot");
        }
        return -1;
    }

    /** Sends the files at the snapshot commit in batches; stores text bodies in the blob store. */
    private long snapshot(ObjectReader reader, Request request, String ref, RevCommit commit,
                          Map<String, Touch> lastTouch, Listener listener, List<String> notes) throws IOException {
        List<SnapshotFile> batch = new ArrayList<>(SNAPSHOT_BATCH);
        int batches = 0;
        long files = 0;
        long missing = 0;
        try (TreeWalk tree = new TreeWalk(reader)) {
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                org.eclipse.jgit.lib.FileMode mode = tree.getFileMode(0);
                if (mode != org.eclipse.jgit.lib.FileMode.REGULAR_FILE
                        && mode != org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) {
                    continue; // symlinks and submodules have no body worth indexing
                }
                String path = tree.getPathString();
                ObjectId id = tree.getObjectId(0);
                long size;
                BlobRef blob = null;
                boolean binary;
                try {
                    org.eclipse.jgit.lib.ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
                    size = loader.getSize();
                    binary = size > options.bigFileThreshold();
                    if (!binary && size <= options.maxBlobBytes()) {
                        byte[] bytes = loader.getCachedBytes();
                        binary = CapturingDiffFormatter.hasNul(bytes);
                        blob = binary ? null : blobs.put(id.name(), bytes);
                    }
                } catch (MissingObjectException e) {
                    missing++;
                    continue;
                }
                Touch touch = lastTouch.get(path);
                batch.add(new SnapshotFile(path, id.name(), blob, size, binary, Languages.fromPath(path),
                        touch == null ? null : touch.hash(), touch == null ? -1 : touch.index(),
                        touch == null ? null : touch.author(), touch == null ? null : touch.email(),
                        touch == null ? null : touch.time(), touch == null ? null : touch.subject()));
                files++;
                if (batch.size() == SNAPSHOT_BATCH) {
                    listener.snapshot(new SnapshotBatch(request.jobId(), request.repositoryId(), ref, commit.name(),
                            batches++, List.copyOf(batch)));
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            listener.snapshot(new SnapshotBatch(request.jobId(), request.repositoryId(), ref, commit.name(),
                    batches, List.copyOf(batch)));
        }
        if (missing > 0) {
            notes.add(missing + " snapshot files are missing from the repository copy and were left out");
        }
        return files;
    }

    /** A worker thread's own JGit reader and diff formatter. */
    private final class Worker implements AutoCloseable {
        final ObjectReader reader;
        final CapturingDiffFormatter diff = new CapturingDiffFormatter();

        Worker(Repository repo) {
            reader = repo.newObjectReader();
            diff.setReader(reader, repo.getConfig());
            diff.setDiffComparator(RawTextComparator.DEFAULT);
            diff.setDetectRenames(true);
            diff.getRenameDetector().setRenameScore(options.renameScore());
            diff.getRenameDetector().setRenameLimit(options.renameLimit());
            diff.setBinaryFileThreshold(options.bigFileThreshold());
        }

        @Override
        public void close() {
            diff.close();
            reader.close();
        }
    }

    /** One commit's finished record and its share of the summary figures. */
    private record Done(CommitRecord record, Stats stats, RevCommit commit, boolean onSnapshot) {
    }

    private void emit(Future<Done> next, Listener listener, Stats stats, List<ObjectId> emitted, long total,
                      Map<String, Touch> lastTouch) throws IOException {
        Done done;
        try {
            done = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("scrape interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
        listener.commit(done.record());
        stats.add(done.stats());
        // A merge only brings in changes authored on its other parents: like `git log -1 -- <path>`, credit those.
        if (done.onSnapshot() && !done.record().merge()) {
            CommitRecord r = done.record();
            List<FileChange> files = r.filesRef() == null ? r.files()
                    : List.of(Json.read(blobs.get(r.filesRef()), FileChange[].class));
            Touch touch = new Touch(r.hash(), r.index(), r.author().name(), r.author().email(), r.author().time(),
                    r.subject());
            for (FileChange f : files) {
                if (f.oldPath() != null && f.changeType() != ChangeType.COPIED) {
                    lastTouch.remove(f.oldPath());
                }
                if (f.newPath() != null) {
                    lastTouch.put(f.newPath(), touch);
                }
            }
        }
        emitted.add(done.commit().copy());
        if (emitted.size() % options.progressEvery() == 0) {
            listener.progress(emitted.size(), total);
        }
    }

    private static final class Stats {
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

        void add(Stats o) {
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

    private CommitRecord toRecord(CapturingDiffFormatter diff, Request request, RevCommit commit,
                                  long index, BitSet containing, Tips tips, Stats stats) throws IOException {
        boolean merge = commit.getParentCount() > 1;
        Diff changes = !merge || options.firstParentMergeDiff() ? diffAgainstFirstParent(diff, commit, stats)
                : new Diff(List.of(), null);
        List<FileChange> files = changes.files();
        int insertions = 0;
        int deletions = 0;
        for (FileChange f : files) {
            insertions += f.insertions();
            deletions += f.deletions();
            stats.paths.add(f.path());
        }
        List<String> parents = new ArrayList<>(commit.getParentCount());
        for (RevCommit p : commit.getParents()) {
            parents.add(p.name());
        }
        List<String> branches = new ArrayList<>();
        List<String> tagNames = new ArrayList<>();
        int omitted = 0;
        for (int ref = containing.nextSetBit(0); ref >= 0; ref = containing.nextSetBit(ref + 1)) {
            if (branches.size() + tagNames.size() >= options.maxRefsPerCommit()) {
                omitted++;
            } else if (tips.tags().contains(ref)) {
                tagNames.add(tips.names().get(ref));
            } else {
                branches.add(tips.names().get(ref));
            }
        }
        boolean messageNonUtf8 = messageNonUtf8(commit);
        String full = commit.getFullMessage();
        int blank = full.indexOf("\n\n");
        String body = blank < 0 ? "" : full.substring(blank + 2).strip();
        Signature author = signature(commit.getAuthorIdent());
        Signature committer = signature(commit.getCommitterIdent());

        stats.authors.add(author.email().toLowerCase(java.util.Locale.ROOT));
        stats.merges += merge ? 1 : 0;
        stats.insertions += insertions;
        stats.deletions += deletions;
        stats.nonUtf8Messages += messageNonUtf8 ? 1 : 0;
        Instant when = committer.time();
        stats.first = stats.first == null || when.isBefore(stats.first) ? when : stats.first;
        stats.last = stats.last == null || when.isAfter(stats.last) ? when : stats.last;

        List<FileChange> inline = fitMessage(files, full.length(), stats);
        BlobRef filesRef = null;
        if (inline == null) {
            // Even without patches the file list is too large for one message: claim-check the whole list.
            filesRef = blobs.put(Json.write(files));
            stats.claimChecked++;
            inline = List.of();
        }
        return new CommitRecord(request.jobId(), request.repositoryId(), commit.name(),
                commit.abbreviate(7).name(), index, author, committer, commit.getShortMessage(), body,
                messageNonUtf8, parents, merge, branches, tagNames, omitted, files.size(), insertions, deletions,
                inline, filesRef, changes.unavailable());
    }

    /** The files a commit changed, and why the list is incomplete when it is. */
    private record Diff(List<FileChange> files, String unavailable) {
    }

    private Diff diffAgainstFirstParent(CapturingDiffFormatter diff, RevCommit commit, Stats stats)
            throws IOException {
        ObjectId parentTree = commit.getParentCount() > 0 ? commit.getParent(0).getTree() : null;
        List<DiffEntry> entries;
        try {
            entries = diff.scan(parentTree, commit.getTree());
        } catch (MissingObjectException e) {
            // Content rename detection reads blobs; without a missing one we still know which files changed.
            diff.setDetectRenames(false);
            try {
                entries = diff.scan(parentTree, commit.getTree());
            } catch (MissingObjectException treeMissing) {
                stats.missing++;
                return new Diff(List.of(), "tree " + treeMissing.getObjectId().name()
                        + " is missing: the files of this commit cannot be listed");
            } finally {
                diff.setDetectRenames(true);
                diff.getRenameDetector().setRenameScore(options.renameScore());
                diff.getRenameDetector().setRenameLimit(options.renameLimit());
            }
        }
        List<FileChange> files = new ArrayList<>(entries.size());
        for (DiffEntry entry : entries) {
            files.add(fileChange(diff, entry, stats));
        }
        return new Diff(files, null);
    }

    private FileChange fileChange(CapturingDiffFormatter diff, DiffEntry entry, Stats stats) throws IOException {
        ChangeType type = switch (entry.getChangeType()) {
            case ADD -> ChangeType.ADDED;
            case MODIFY -> ChangeType.MODIFIED;
            case DELETE -> ChangeType.DELETED;
            case RENAME -> ChangeType.RENAMED;
            case COPY -> ChangeType.COPIED;
        };
        String oldPath = type == ChangeType.ADDED ? null : entry.getOldPath();
        String newPath = type == ChangeType.DELETED ? null : entry.getNewPath();
        Integer similarity = type == ChangeType.RENAMED || type == ChangeType.COPIED ? entry.getScore() : null;
        String oldId = blobId(entry.getOldId());
        String newId = blobId(entry.getNewId());
        String language = Languages.fromPath(newPath != null ? newPath : oldPath);

        CapturingDiffFormatter.Captured captured;
        try {
            captured = diff.capture(entry);
        } catch (MissingObjectException e) {
            stats.missing++;
            return new FileChange(type, oldPath, newPath, similarity, 0, 0, false, language, oldId, newId, null,
                    null, 0, false, null, null, false,
                    "blob " + e.getObjectId().name() + " is missing from the repository copy");
        }
        boolean binary = captured.binary();
        int insertions = 0;
        int deletions = 0;
        for (Edit edit : captured.edits()) {
            insertions += edit.getEndB() - edit.getBeginB();
            deletions += edit.getEndA() - edit.getBeginA();
        }
        boolean nonUtf8 = !binary && (!isUtf8(captured.a()) || !isUtf8(captured.b()));
        BlobRef oldBlob = null;
        BlobRef newBlob = null;
        if (!binary && options.maxBlobBytes() > 0) {
            oldBlob = store(oldId, captured.a());
            newBlob = store(newId, captured.b());
        }
        byte[] patchBytes = captured.patch();
        String patch = null;
        BlobRef patchRef = null;
        boolean truncated = false;
        if (patchBytes.length <= options.maxInlinePatchBytes()) {
            patch = new String(patchBytes, StandardCharsets.UTF_8);
        } else {
            byte[] kept = patchBytes;
            if (patchBytes.length > options.maxPatchBytes()) {
                kept = cutAtLine(patchBytes, options.maxPatchBytes());
                truncated = true;
                stats.truncated++;
            }
            patchRef = blobs.put(kept);
            stats.claimChecked++;
        }
        stats.binary += binary ? 1 : 0;
        stats.nonUtf8Files += nonUtf8 ? 1 : 0;
        return new FileChange(type, oldPath, newPath, similarity, insertions, deletions, binary, language, oldId,
                newId, patch, patchRef, patchBytes.length, truncated, oldBlob, newBlob, nonUtf8, null);
    }

    /**
     * Keeps the commit message under the size limit: spills the largest inline patches to the blob store first;
     * returns {@code null} when even the patch-less file list is too large.
     */
    private List<FileChange> fitMessage(List<FileChange> files, int messageLength, Stats stats) {
        long budget = (long) (options.maxMessageBytes() * 0.8);
        long estimate = 2_000L + 2L * messageLength;
        for (FileChange f : files) {
            estimate += 600 + 2L * (f.oldPath() == null ? 0 : f.oldPath().length())
                    + 2L * (f.newPath() == null ? 0 : f.newPath().length())
                    + (f.patch() == null ? 0 : (long) (f.patch().length() * 1.2));
        }
        if (estimate <= budget) {
            return files;
        }
        List<FileChange> result = new ArrayList<>(files);
        List<Integer> bySize = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i).patch() != null) {
                bySize.add(i);
            }
        }
        bySize.sort(Comparator.comparingInt((Integer i) -> result.get(i).patch().length()).reversed());
        for (int i : bySize) {
            if (estimate <= budget) {
                break;
            }
            FileChange f = result.get(i);
            estimate -= (long) (f.patch().length() * 1.2);
            BlobRef ref = blobs.put(f.patch().getBytes(StandardCharsets.UTF_8));
            stats.claimChecked++;
            result.set(i, new FileChange(f.changeType(), f.oldPath(), f.newPath(), f.similarity(), f.insertions(),
                    f.deletions(), f.binary(), f.language(), f.oldBlobId(), f.newBlobId(), null, ref,
                    f.patchBytes(), f.truncated(), f.oldBlob(), f.newBlob(), f.nonUtf8(), f.unavailable()));
        }
        return estimate <= budget ? result : null;
    }

    private BlobRef store(String id, byte[] content) {
        if (id == null || content == null) {
            return null;
        }
        if (content.length > options.maxBlobBytes()) {
            return null;
        }
        return blobs.put(id, content);
    }

    private static String blobId(AbbreviatedObjectId id) {
        return id == null || !id.isComplete() || ObjectId.zeroId().equals(id.toObjectId()) ? null : id.name();
    }

    private static Signature signature(PersonIdent ident) {
        return new Signature(ident.getName(), ident.getEmailAddress(), ident.getWhenAsInstant(),
                ident.getZoneOffset().getId().equals("Z") ? "+00:00" : ident.getZoneOffset().getId());
    }

    private static boolean messageNonUtf8(RevCommit commit) {
        byte[] raw = commit.getRawBuffer();
        int start = RawParseUtils.commitMessage(raw, 0);
        if (start < 0) {
            return false;
        }
        String declared = commit.getEncodingName();
        if (declared != null && !declared.equalsIgnoreCase("utf-8") && !declared.equalsIgnoreCase("utf8")) {
            return false; // decoded with its declared charset
        }
        return !isUtf8(raw, start, raw.length - start);
    }

    private static boolean isUtf8(byte[] content) {
        return content == null || isUtf8(content, 0, content.length);
    }

    static boolean isUtf8(byte[] raw, int off, int len) {
        int i = off;
        int end = off + len;
        // ASCII fast path, eight bytes at a time: any byte with its high bit set ends it.
        while (i + 8 <= end && ((long) LONGS.get(raw, i) & 0x8080808080808080L) == 0) {
            i += 8;
        }
        while (i < end && raw[i] >= 0) {
            i++;
        }
        if (i == end) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, i, end - i));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] cutAtLine(byte[] bytes, int max) {
        int end = max;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end == 0 ? max : end);
    }
}
