package io.gitlore.scraper.git;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Runs per-commit diff tasks on a few threads and hands their results back in submission order. JGit readers are not
 * thread-safe, so each thread has its own {@link ObjectReader} (a {@link CachingReader} over one shared cache of
 * inflated objects) and {@link CapturingDiffFormatter}, reused for every commit it diffs.
 */
final class DiffWorkers<T> implements AutoCloseable {

    /** Work on one commit with the calling thread's formatter. */
    interface Task<T> {
        T run(CapturingDiffFormatter diff) throws IOException;
    }

    /** Results waiting to be taken per thread: enough to keep every thread busy, bounded in memory. */
    private static final int QUEUE_PER_THREAD = 32;

    private final ExecutorService pool;
    private final List<Worker> workers = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<Worker> worker;
    private final ArrayDeque<Future<T>> pending = new ArrayDeque<>();
    private final int capacity;

    DiffWorkers(Repository repo, int threads, DiffMemo memo, Consumer<CapturingDiffFormatter> configure) {
        int n = Math.max(1, threads);
        long budget = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
        CachingReader.Cache objects = new CachingReader.Cache(budget);
        this.capacity = n * QUEUE_PER_THREAD;
        this.pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "gitlore-diff");
            t.setDaemon(true);
            return t;
        });
        this.worker = ThreadLocal.withInitial(() -> {
            Worker w = new Worker(repo, objects, memo, configure);
            workers.add(w);
            return w;
        });
    }

    void submit(Task<T> task) {
        pending.add(pool.submit(() -> task.run(worker.get().diff)));
    }

    /** Whether the caller should take a result before submitting more. */
    boolean full() {
        return pending.size() >= capacity;
    }

    boolean hasNext() {
        return !pending.isEmpty();
    }

    /** The oldest submitted task's result, waiting for it. */
    T next() throws IOException {
        try {
            return pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("scrape interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops the threads (a stopped scrape leaves tasks queued) and closes their readers once none runs. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                return; // a reader still in use is left to the collector rather than closed under its thread
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        workers.forEach(Worker::close);
    }

    /** A worker thread's own JGit reader and diff formatter. */
    private static final class Worker implements AutoCloseable {
        final ObjectReader reader;
        final CapturingDiffFormatter diff;

        Worker(Repository repo, CachingReader.Cache objects, DiffMemo memo,
               Consumer<CapturingDiffFormatter> configure) {
            reader = new CachingReader(repo.newObjectReader(), objects);
            diff = new CapturingDiffFormatter(memo);
            diff.setReader(reader, repo.getConfig());
            diff.setDiffComparator(RawTextComparator.DEFAULT);
            configure.accept(diff);
        }

        @Override
        public void close() {
            diff.close();
            reader.close();
        }
    }
}
