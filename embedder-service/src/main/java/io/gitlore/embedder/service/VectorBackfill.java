package io.gitlore.embedder.service;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.gitlore.embedder.model.EmbedderClosedException;
import io.gitlore.embedder.service.PendingVectors.Entry;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.store.VectorPoint;
import org.jboss.logging.Logger;

/**
 * Gives the points stored with their text only (keyword search finds them at once) their vectors, on a thread of its
 * own: the current code first, then changes newest first by commit time. It takes the points the pipeline writes
 * text first and, at start, every point the store still holds without a vector (so a restart loses none); embeds
 * them through {@link PointVectors} (the cache and near-duplicate sharing as ever) and writes each again with its
 * vector. Every store write of the stage passes through here under one lock, so a point rewritten or removed while
 * its vector was being computed is not written back. A finished job completes once its last point has its vector;
 * a cancelled one (asked before each batch, or told by the pipeline) at once, its points no longer computed for it.
 */
final class VectorBackfill implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VectorBackfill.class);

    private final StoreCalls calls;
    private final PointVectors vectors;
    private final int dimension;
    private final int batchSize;
    private final PipelineListener listener;
    private final Runnable beforeBatch;
    private final PendingVectors pending = new PendingVectors();
    /** Counts the work of points no running job waits for (recovered after a restart). */
    private final JobStats unowned = new JobStats(null);
    /** Jobs whose chunks are all in and that wait for vectors, by id: each batch asks whether one was cancelled. */
    private final Map<String, JobStats> finishing = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    VectorBackfill(StoreCalls calls, PointVectors vectors, int dimension, int batchSize,
                   PipelineListener listener, Runnable beforeBatch) {
        this.calls = calls;
        this.vectors = vectors;
        this.dimension = dimension;
        this.batchSize = batchSize;
        this.listener = listener;
        this.beforeBatch = beforeBatch;
        this.thread = Thread.ofPlatform().name("vector-backfill").daemon().unstarted(this::run);
        thread.start();
    }

    /** Stores points with their text only; each is queued for its vector, and {@code job} waits for them. */
    synchronized void writeText(JobStats job, String repositoryId, List<PointPlanner.Planned> points,
                                boolean durable) {
        List<VectorPoint> text = points.stream().map(TextOnlyPoints::stored).toList();
        write(job, repositoryId, text, durable);
        points.forEach(p -> pending.queue(repositoryId, p, job));
        notifyAll();
    }

    /** Stores points with their vectors: any vector they were owed is settled. */
    void writeVectors(JobStats job, String repositoryId, List<VectorPoint> points, boolean durable) {
        synchronized (this) {
            write(job, repositoryId, points, durable);
            points.forEach(p -> pending.settle(repositoryId, p.id()));
        }
        fireDue();
    }

    /** Points an earlier run stored text first: queued (unless they are already) and {@code job} waits for them. */
    synchronized void await(JobStats job, String repositoryId, List<PointPlanner.Planned> points) {
        points.forEach(p -> pending.queue(repositoryId, p, job));
        notifyAll();
    }

    /** Removes points from the store and from the queue (a job waiting for one no longer does). */
    void delete(JobStats job, String repositoryId, List<String> ids) {
        synchronized (this) {
            calls.run(job, () -> calls.store().delete(repositoryId, ids, true));
            ids.forEach(id -> pending.settle(repositoryId, id));
        }
        fireDue();
    }

    /** The job has all its chunks stored: {@code completion} runs once its points have vectors (now if they do). */
    void whenDone(JobStats job, Consumer<JobStats> completion) {
        synchronized (this) {
            job.completion = completion;
            job.finished = true;
            pending.checkDue(job);
            if (!job.completed) {
                finishing.put(job.jobId(), job);
            }
        }
        fireDue();
    }

    /**
     * Stops computing vectors for the job: the points only it waits for leave the queue and stay stored with their
     * text; a finished job completes now, as cancelled. A job this backfill does not hold is ignored.
     */
    void cancel(JobStats job, String reason) {
        synchronized (this) {
            if (job.cancelled == null) {
                job.cancelled = reason;
            }
            finishing.remove(job.jobId());
            pending.drop(job);
        }
        fireDue();
    }

    /** The finished job of that id still waiting for vectors, or null. */
    synchronized JobStats finishing(String jobId) {
        return finishing.get(jobId);
    }

    /** Cancels the finished jobs the listener says are cancelled: one lookup per waiting job, once per batch. */
    private void dropCancelled() {
        List<JobStats> waiting;
        synchronized (this) {
            waiting = List.copyOf(finishing.values());
        }
        for (JobStats job : waiting) {
            String reason = listener.cancelled(job.jobId());
            if (reason != null) {
                cancel(job, reason);
            }
        }
    }

    /** Points queued for a vector. */
    synchronized int backlog() {
        return pending.size();
    }

    private void write(JobStats job, String repositoryId, List<VectorPoint> points, boolean durable) {
        calls.run(job, () -> {
            calls.store().ensureCollection(repositoryId, dimension);
            calls.store().upsert(repositoryId, points, durable);
        });
    }

    /** Runs the completions that became due, outside the lock (they publish events and commit offsets). */
    private void fireDue() {
        List<JobStats> ready;
        synchronized (this) {
            ready = pending.takeDue();
        }
        for (JobStats job : ready) {
            synchronized (this) {
                finishing.remove(job.jobId());
            }
            try {
                job.completion.accept(job);
            } catch (RuntimeException e) {
                LOG.errorf(e, "completing job %s failed", job.jobId());
            }
        }
    }

    private void run() {
        try {
            resume();
            while (true) {
                beforeBatch.run();
                dropCancelled();
                Map<JobStats, List<Entry>> batch = take();
                if (batch == null) {
                    return;
                }
                embed(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (EmbedderClosedException e) {
            LOG.debug("the model closed: the points left keep no vector until the next start");
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.errorf(e, "the vector backfill stopped");
            }
        }
    }

    /** Queues every point the store holds without a vector (an earlier run's), repository by repository. */
    private void resume() {
        for (String repositoryId : calls.get(unowned, () -> calls.store().repositories())) {
            int found;
            synchronized (this) {
                if (closed) {
                    return;
                }
                // Under the lock: a point the pipeline removes meanwhile must not be queued again.
                List<PointHit> stored = calls.get(unowned, () -> calls.store().pending(repositoryId));
                stored.forEach(h -> pending.queue(repositoryId, TextOnlyPoints.recovered(h), null));
                found = stored.size();
                notifyAll();
            }
            if (found > 0) {
                LOG.infof("%d points of %s have no vector yet: computing them", found, repositoryId);
            }
        }
    }

    /** The next points to embed, all of one repository, grouped by the job that counts their work. */
    private synchronized Map<JobStats, List<Entry>> take() throws InterruptedException {
        while (!closed && pending.isEmpty()) {
            wait();
        }
        return closed ? null : pending.next(batchSize, unowned);
    }

    private void embed(Map<JobStats, List<Entry>> batch) {
        List<Entry> all = batch.values().stream().flatMap(List::stream).toList();
        String repositoryId = all.get(0).repositoryId;
        Map<Entry, VectorPoint> points;
        try {
            points = vectors.of(batch);
        } catch (EmbedderClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            fail(all, e);
            return;
        }
        Set<JobStats> touched = new LinkedHashSet<>();
        List<Entry> live;
        synchronized (this) {
            if (closed) {
                return; // not written: the points stay pending in the store for the next start
            }
            // Only what is still queued as it was embedded: a point rewritten or removed meanwhile is not written back.
            live = all.stream().filter(pending::live).toList();
            if (!live.isEmpty()) {
                JobStats owner = live.stream().flatMap(e -> e.jobs.stream()).findFirst().orElse(unowned);
                try {
                    write(owner, repositoryId, live.stream().map(points::get).toList(), true);
                } catch (RuntimeException e) {
                    if (closed) {
                        throw e;
                    }
                    LOG.errorf(e, "writing the vectors of %d points of %s failed", live.size(), repositoryId);
                    live.forEach(x -> x.jobs.forEach(job -> job.fail("writing vectors failed: " + e.getMessage())));
                }
                live.forEach(e -> {
                    touched.addAll(e.jobs);
                    pending.settle(repositoryId, e.point.id());
                });
            }
            // Under the lock, and not for a job these points completed: its completed event, published after this,
            // must stay its last.
            touched.stream().filter(job -> !job.completed).forEach(listener::vectors);
        }
        fireDue();
    }

    /** A batch the model or the store could not take: its jobs fail; its points stay pending in the store. */
    private void fail(List<Entry> batch, RuntimeException e) {
        if (closed) {
            throw e;
        }
        LOG.errorf(e, "computing the vectors of %d points of %s failed", batch.size(), batch.get(0).repositoryId);
        synchronized (this) {
            for (Entry entry : batch) {
                if (pending.live(entry)) {
                    entry.jobs.forEach(job -> job.fail("computing vectors failed: " + e.getMessage()));
                    pending.settle(entry.repositoryId, entry.point.id());
                }
            }
        }
        fireDue();
    }

    /**
     * Stops after the batch in hand (its vectors are then not written: they stay pending in the store). The thread
     * is interrupted only if it does not stop by itself (a long store outage), and never inside a store write: an
     * interrupt there would close Lucene's file channels.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(10_000);
            if (thread.isAlive()) {
                synchronized (this) {
                    thread.interrupt();
                }
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
