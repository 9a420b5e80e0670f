package io.gitlore.embedder.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.gitlore.embedder.store.Payloads;

/**
 * The points owed a vector, in the order the {@link VectorBackfill} computes them (current code first, then the
 * newest change, then arrival), each with the jobs waiting for it; takes points queued and settled, gives the next
 * batch and the jobs whose last point just settled. Not thread-safe: the backfill's lock guards it.
 */
final class PendingVectors {

    /** A point owed a vector, and the jobs waiting for it. */
    static final class Entry {
        final String repositoryId;
        final PointPlanner.Planned point;
        final long timestamp;
        final long arrival;
        final List<JobStats> jobs = new ArrayList<>(1);

        Entry(String repositoryId, PointPlanner.Planned point, long arrival) {
            this.repositoryId = repositoryId;
            this.point = point;
            this.timestamp = point.metadata().get(Payloads.TIMESTAMP) instanceof Number n ? n.longValue() : 0;
            this.arrival = arrival;
        }

        String key() {
            return key(repositoryId, point.id());
        }

        static String key(String repositoryId, String id) {
            return repositoryId + '\n' + id;
        }
    }

    private static final Comparator<Entry> PRIORITY = Comparator.comparing((Entry e) -> !e.point.current())
            .thenComparing(Comparator.comparingLong((Entry e) -> e.timestamp).reversed())
            .thenComparingLong(e -> e.arrival);

    private final TreeSet<Entry> queue = new TreeSet<>(PRIORITY);
    private final Map<String, Entry> entries = new HashMap<>();
    private final List<JobStats> due = new ArrayList<>();
    private long arrivals;

    /** Queues the point unless the same text is queued already; the job, if any, waits for it. */
    void queue(String repositoryId, PointPlanner.Planned point, JobStats job) {
        String key = Entry.key(repositoryId, point.id());
        Entry entry = entries.get(key);
        if (entry == null || !entry.point.textHash().equals(point.textHash())) {
            Entry fresh = new Entry(repositoryId, point, arrivals++);
            if (entry != null) {
                // Rewritten with another text while queued: the jobs waiting for the old one wait for this one.
                queue.remove(entry);
                fresh.jobs.addAll(entry.jobs);
            }
            entries.put(key, fresh);
            queue.add(fresh);
            entry = fresh;
        }
        if (job != null && job.awaiting.add(point.id())) {
            entry.jobs.add(job);
            job.vectorsTotal++;
        }
    }

    /** The point has its vector, or is gone: it leaves the queue and its jobs stop waiting for it. */
    void settle(String repositoryId, String id) {
        Entry entry = entries.remove(Entry.key(repositoryId, id));
        if (entry == null) {
            return;
        }
        queue.remove(entry);
        for (JobStats job : entry.jobs) {
            if (job.awaiting.remove(entry.point.id())) {
                job.vectorsDone++;
            }
            checkDue(job);
        }
    }

    /**
     * The job stops waiting: points no other job waits for leave the queue (they stay stored, text only, until a job
     * sends them again or the next start recovers them) and the job, if finished, is due at once.
     */
    void drop(JobStats job) {
        for (Entry entry : new ArrayList<>(entries.values())) {
            if (entry.jobs.remove(job) && entry.jobs.isEmpty()) {
                entries.remove(entry.key());
                queue.remove(entry);
            }
        }
        job.awaiting.clear();
        checkDue(job);
    }

    /** Whether the entry is still queued as it was (not rewritten or removed since it was taken). */
    boolean live(Entry entry) {
        return entries.get(entry.key()) == entry;
    }

    /** A finished job is due once no point of it waits (or it failed). */
    void checkDue(JobStats job) {
        if (job.finished && !job.completed && (job.awaiting.isEmpty() || job.failure != null)) {
            job.completed = true;
            due.add(job);
        }
    }

    /** The jobs that became due since the last call. */
    List<JobStats> takeDue() {
        List<JobStats> out = new ArrayList<>(due);
        due.clear();
        return out;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /**
     * The first {@code max} points in order that belong to the first one's repository, grouped by the job that
     * counts their work ({@code unowned} for points no job waits for).
     */
    Map<JobStats, List<Entry>> next(int max, JobStats unowned) {
        String repositoryId = queue.first().repositoryId;
        Map<JobStats, List<Entry>> batch = new LinkedHashMap<>();
        int size = 0;
        for (Entry e : queue) {
            if (e.repositoryId.equals(repositoryId)) {
                batch.computeIfAbsent(e.jobs.isEmpty() ? unowned : e.jobs.get(0), j -> new ArrayList<>()).add(e);
                if (++size == max) {
                    break;
                }
            }
        }
        return batch;
    }
}
