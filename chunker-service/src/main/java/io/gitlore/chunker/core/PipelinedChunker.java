package io.gitlore.chunker.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.gitlore.chunker.layout.LayoutTracker;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Chunks commits on several threads and emits in history order: each changed file is prepared (parsed and cut) by
 * the worker that owns its path (so a path's trees and caches stay on one thread, and its versions are parsed in
 * order), and the caller's thread turns prepared files into records commit by commit, file by file. A path goes to
 * the worker with the least queued work when it is first seen, a renamed file stays with the worker of its old path,
 * and a path moves to another worker when its own has more than three times that worker's queue (and 8 MB more):
 * a few large, often-changed files would otherwise leave one worker idle. Moving a path costs one full parse; what is
 * emitted never depends on which worker prepared a file.
 */
public final class PipelinedChunker implements AutoCloseable {

    /** A commit whose files are being prepared. */
    private record Pending(CommitRecord commit, List<FileChange> files, List<Future<PreparedFile>> prepared,
                           JobState job, Consumer<ChunkRecord> out) {
    }

    private final CommitChunker[] engines;
    private final ExecutorService[] workers;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final Map<String, Integer> owners = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicLongArray queuedBytes;
    private final int window;

    /** A chunker whose parse meters go to a registry of its own (tests, tools). */
    public PipelinedChunker(ChunkerOptions options, BlobStore blobs, int threads) {
        this(options, blobs, threads, new SimpleMeterRegistry());
    }

    /** A chunker of {@code threads} workers whose parsers report to {@code meters}. */
    public PipelinedChunker(ChunkerOptions options, BlobStore blobs, int threads, MeterRegistry meters) {
        int n = Math.max(1, threads);
        this.engines = new CommitChunker[n];
        this.workers = new ExecutorService[n];
        for (int i = 0; i < n; i++) {
            engines[i] = new CommitChunker(options, blobs, meters);
            workers[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "gitlore-chunk");
                t.setDaemon(true);
                return t;
            });
        }
        this.window = 64 * n;
        this.queuedBytes = new java.util.concurrent.atomic.AtomicLongArray(n);
    }

    /** Queues a commit; records come out through {@code out} in order, at the latest on {@link #flush()}. */
    public void submit(CommitRecord commit, JobState job, Consumer<ChunkRecord> out) {
        job.commits++;
        List<FileChange> files = engines[0].files(commit);
        LayoutTracker.Span span = engines[0].layouts(commit, files);
        List<Future<PreparedFile>> prepared = new ArrayList<>(files.size());
        for (FileChange file : files) {
            long weight = 1 + (file.newBlob() != null ? file.newBlob().size() : 0)
                    + (file.oldBlob() != null ? file.oldBlob().size() : 0);
            int owner = owner(file);
            queuedBytes.addAndGet(owner, weight);
            prepared.add(workers[owner].submit(() -> {
                try {
                    return engines[owner].prepare(file, span);
                } finally {
                    queuedBytes.addAndGet(owner, -weight);
                }
            }));
        }
        pending.add(new Pending(commit, files, prepared, job, out));
        while (pending.size() > window) {
            emit(pending.poll());
        }
    }

    private int owner(FileChange file) {
        Integer owner = owners.get(file.path());
        if (owner == null && file.oldPath() != null) {
            owner = owners.get(file.oldPath());
        }
        int least = 0;
        for (int i = 1; i < queuedBytes.length(); i++) {
            if (queuedBytes.get(i) < queuedBytes.get(least)) {
                least = i;
            }
        }
        if (owner == null || queuedBytes.get(owner) > 3 * queuedBytes.get(least) + (8 << 20)) {
            owner = least;
        }
        owners.put(file.path(), owner);
        return owner;
    }

    /** Emits every queued commit. */
    public void flush() {
        while (!pending.isEmpty()) {
            emit(pending.poll());
        }
    }

    /** Snapshot files are chunked on the caller's thread once the queue is empty (they share the caches). */
    public void snapshot(SnapshotBatch batch, JobState job, Consumer<ChunkRecord> out) {
        flush();
        engines[0].chunkSnapshot(batch, job, out);
    }

    private void emit(Pending p) {
        var occurrences = new HashMap<String, Integer>();
        for (int i = 0; i < p.files().size(); i++) {
            PreparedFile prepared;
            try {
                prepared = p.prepared().get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while chunking " + p.commit().hash(), e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("chunking " + p.files().get(i).path() + " of " + p.commit().hash()
                        + " failed: " + e.getCause(), e.getCause());
            }
            engines[0].emit(p.commit(), p.files(), p.files().get(i), prepared, occurrences, p.job(), p.out());
        }
    }

    @Override
    public void close() {
        for (ExecutorService w : workers) {
            w.shutdownNow();
        }
        for (CommitChunker engine : engines) {
            engine.close();
        }
    }
}
