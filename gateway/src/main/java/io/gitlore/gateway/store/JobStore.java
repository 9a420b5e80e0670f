package io.gitlore.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobIds;
import io.gitlore.contracts.training.TrainingReport;
import org.jboss.logging.Logger;

/**
 * The gateway's durable job store: takes submissions, job events, callback deliveries, training reports and
 * dataset-ready records, keeps them on disk ({@link JobFiles}: one append-only log per job with the submission, each
 * event once by its id and each delivery; one document per report or dataset, replaced atomically), and gives back
 * every job as it was after a restart, plus live events to followers.
 */
public final class JobStore {

    private static final Logger LOG = Logger.getLogger(JobStore.class);
    static final String REPORT = "report";
    static final String DATASET = "dataset";

    /** Hears a job's events as they are stored, and that its training report has been stored. */
    @FunctionalInterface
    public interface Follower {
        void event(JobEvent event);

        default void reportStored() {
        }

        /** Passes {@code events} to {@code to}, the report arriving after the first {@code reportAfter} (-1: none). */
        static void replay(List<JobEvent> events, int reportAfter, Follower to) {
            for (int i = 0; i < events.size(); i++) {
                if (i == reportAfter) {
                    to.reportStored();
                }
                to.event(events.get(i));
            }
            if (reportAfter >= events.size()) {
                to.reportStored();
            }
        }
    }

    /**
     * One line of a job's log: exactly one of the four is set. {@code reportStored} marks where among the events the
     * training report first arrived, so a restarted store folds the job in the order it was lived.
     */
    record Line(JobSubmission submitted, JobEvent event, CallbackDelivery delivered, Instant reportStored) {
    }

    private static final class Slot {
        JobSubmission submission;
        final List<JobEvent> events = new ArrayList<>();
        final Set<String> eventIds = new HashSet<>();
        final List<Follower> followers = new CopyOnWriteArrayList<>();
        CallbackDelivery delivery;
        boolean report;
        int reportAfter = -1;
        boolean dataset;
        Instant firstSeen;

        StoredJob view(String id) {
            return new StoredJob(id, submission, events, report, reportAfter, dataset, delivery, firstSeen);
        }
    }

    private final JobFiles files;
    private final Map<String, Slot> jobs = new LinkedHashMap<>();

    public JobStore(Path directory) {
        this.files = new JobFiles(directory);
        try {
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the job store at " + files.directory(), e);
        }
    }

    public Path directory() {
        return files.directory();
    }

    public synchronized int size() {
        return jobs.size();
    }

    /** Records a new job the gateway is starting; its id must be new. */
    public synchronized void create(JobSubmission submission) {
        String id = JobIds.require(submission.jobId());
        Slot slot = jobs.get(id);
        if (slot != null && slot.submission != null) {
            throw new IllegalStateException("job " + id + " exists already");
        }
        files.append(id, new Line(submission, null, null, null));
        slot = jobs.computeIfAbsent(id, k -> new Slot());
        slot.submission = submission;
        slot.firstSeen = submission.createdAt();
    }

    /** Forgets a job whose start failed (its scrape request never reached the broker). */
    public synchronized void delete(String jobId) {
        jobs.remove(JobIds.require(jobId));
        files.delete(jobId, List.of(REPORT, DATASET));
    }

    /**
     * Stores an event and passes it to the job's followers; returns false for an event already stored (a redelivery
     * after a restart before the offset was committed), which is neither stored nor passed on again.
     */
    public synchronized boolean add(JobEvent event) {
        String id = JobIds.require(event.jobId());
        Slot slot = jobs.get(id);
        if (slot != null && event.id() != null && slot.eventIds.contains(event.id())) {
            return false;
        }
        files.append(id, new Line(null, event, null, null));
        slot = remember(id, event);
        for (Follower follower : slot.followers) {
            follower.event(event);
        }
        return true;
    }

    /** Records how the job's callback went (the last record counts). */
    public synchronized void recordDelivery(String jobId, CallbackDelivery delivery) {
        Slot slot = jobs.get(JobIds.require(jobId));
        if (slot == null) {
            throw new IllegalArgumentException("no job " + jobId);
        }
        files.append(jobId, new Line(null, null, delivery, null));
        slot.delivery = delivery;
    }

    /**
     * Stores (or replaces, on a redelivery) the job's training report; its first arrival is also logged, and passed
     * to followers, at its place among the job's events.
     */
    public synchronized void putReport(TrainingReport report) {
        files.writeDocument(JobIds.require(report.jobId()), REPORT, report);
        Slot slot = jobs.computeIfAbsent(report.jobId(), k -> new Slot());
        slot.report = true;
        if (slot.reportAfter >= 0) {
            return;
        }
        files.append(report.jobId(), new Line(null, null, null, Instant.now()));
        slot.reportAfter = slot.events.size();
        if (slot.firstSeen == null) {
            slot.firstSeen = report.createdAt() != null ? report.createdAt() : Instant.now();
        }
        slot.followers.forEach(Follower::reportStored);
    }

    /** Stores (or replaces) the job's dataset-ready record: the dataset's directory and manifest. */
    public synchronized void putDataset(DatasetReady ready) {
        files.writeDocument(JobIds.require(ready.jobId()), DATASET, ready);
        Slot slot = jobs.computeIfAbsent(ready.jobId(), k -> new Slot());
        slot.dataset = true;
        if (slot.firstSeen == null) {
            slot.firstSeen = Instant.now();
        }
    }

    public synchronized Optional<StoredJob> find(String jobId) {
        Slot slot = JobIds.isValid(jobId) ? jobs.get(jobId) : null;
        return slot == null ? Optional.empty() : Optional.of(slot.view(jobId));
    }

    /** Every job, newest first. */
    public synchronized List<StoredJob> all() {
        return jobs.entrySet().stream().map(e -> e.getValue().view(e.getKey()))
                .sorted(Comparator.comparing(StoredJob::firstSeen, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    public Optional<TrainingReport> report(String jobId) {
        return JobIds.isValid(jobId) ? files.readDocument(jobId, REPORT, TrainingReport.class) : Optional.empty();
    }

    public Optional<DatasetReady> dataset(String jobId) {
        return JobIds.isValid(jobId) ? files.readDocument(jobId, DATASET, DatasetReady.class) : Optional.empty();
    }

    /**
     * Passes {@code follower} the job's stored events and its report's arrival in the order they came, then every new
     * event and the report as they come, with neither a gap nor a repeat between the two (both happen under the
     * store's lock); returns what stops the following.
     */
    public synchronized Runnable follow(String jobId, Follower follower) {
        Slot slot = jobs.computeIfAbsent(JobIds.require(jobId), k -> new Slot());
        Follower.replay(slot.events, slot.reportAfter, follower);
        slot.followers.add(follower);
        return () -> slot.followers.remove(follower);
    }

    private Slot remember(String id, JobEvent event) {
        Slot slot = jobs.computeIfAbsent(id, k -> new Slot());
        slot.events.add(event);
        if (event.id() != null) {
            slot.eventIds.add(event.id());
        }
        if (slot.firstSeen == null) {
            slot.firstSeen = event.at() != null ? event.at() : Instant.now();
        }
        return slot;
    }

    private void load() throws IOException {
        for (String id : files.jobIds()) {
            for (Line line : files.read(id, Line.class)) {
                if (line.submitted() != null) {
                    Slot slot = jobs.computeIfAbsent(id, k -> new Slot());
                    slot.submission = line.submitted();
                    slot.firstSeen = line.submitted().createdAt();
                } else if (line.event() != null) {
                    Slot slot = jobs.get(id);
                    if (slot == null || line.event().id() == null || !slot.eventIds.contains(line.event().id())) {
                        remember(id, line.event());
                    }
                } else if (line.delivered() != null && jobs.containsKey(id)) {
                    jobs.get(id).delivery = line.delivered();
                } else if (line.reportStored() != null) {
                    Slot slot = jobs.computeIfAbsent(id, k -> new Slot());
                    if (slot.reportAfter < 0) {
                        slot.reportAfter = slot.events.size();
                    }
                }
            }
            for (String kind : List.of(REPORT, DATASET)) {
                if (files.hasDocument(id, kind)) {
                    Slot slot = jobs.computeIfAbsent(id, k -> new Slot());
                    slot.report |= kind.equals(REPORT);
                    if (kind.equals(REPORT) && slot.reportAfter < 0) {
                        // Stored before arrivals were logged: that gateway never waited for the report, so fold the
                        // job as it did then, as if the report had come first.
                        slot.reportAfter = 0;
                    }
                    slot.dataset |= kind.equals(DATASET);
                    if (slot.firstSeen == null) {
                        slot.firstSeen = files.documentTime(id, kind);
                    }
                }
            }
        }
        LOG.infof("job store at %s: %d jobs", files.directory(), jobs.size());
    }
}
