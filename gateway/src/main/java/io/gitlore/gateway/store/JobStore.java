package io.gitlore.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import org.jboss.logging.Logger;

/**
 * The gateway's durable job store: takes submissions, job events and training reports, keeps them on disk as one
 * append-only JSON-lines file per job ({@code <id>.jsonl}: the submission, then each event once, by its id) and one
 * report file per job ({@code <id>.report.json}, replaced atomically), and gives back every job as it was after a
 * restart, plus live events to followers. A torn last line (a crash mid-write) is cut off on load.
 */
public final class JobStore {

    private static final Logger LOG = Logger.getLogger(JobStore.class);
    /** Job ids become file names: letters, digits, {@code .}, {@code _} and {@code -}, not starting with a dot. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String EVENTS = ".jsonl";
    private static final String REPORT = ".report.json";

    /** One line of a job's file: exactly one of the two is set. */
    record Line(JobSubmission submitted, JobEvent event) {
    }

    private static final class Slot {
        JobSubmission submission;
        final List<JobEvent> events = new ArrayList<>();
        final Set<String> eventIds = new HashSet<>();
        final List<Consumer<JobEvent>> followers = new CopyOnWriteArrayList<>();
        boolean report;
        Instant firstSeen;

        StoredJob view(String id) {
            return new StoredJob(id, submission, events, report, firstSeen);
        }
    }

    private final Path directory;
    private final Map<String, Slot> jobs = new LinkedHashMap<>();

    public JobStore(Path directory) {
        this.directory = directory.toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the job store at " + this.directory, e);
        }
    }

    public static boolean isValidJobId(String id) {
        return id != null && JOB_ID.matcher(id).matches();
    }

    public Path directory() {
        return directory;
    }

    public synchronized int size() {
        return jobs.size();
    }

    /** Records a new job the gateway is starting; its id must be new. */
    public synchronized void create(JobSubmission submission) {
        String id = checkId(submission.jobId());
        Slot slot = jobs.get(id);
        if (slot != null && slot.submission != null) {
            throw new IllegalStateException("job " + id + " exists already");
        }
        append(id, new Line(submission, null));
        slot = jobs.computeIfAbsent(id, k -> new Slot());
        slot.submission = submission;
        slot.firstSeen = submission.createdAt();
    }

    /** Forgets a job whose start failed (its scrape request never reached the broker). */
    public synchronized void delete(String jobId) {
        jobs.remove(checkId(jobId));
        try {
            Files.deleteIfExists(directory.resolve(jobId + EVENTS));
            Files.deleteIfExists(directory.resolve(jobId + REPORT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores an event and passes it to the job's followers; returns false for an event already stored (a redelivery
     * after a restart before the offset was committed), which is neither stored nor passed on again.
     */
    public synchronized boolean add(JobEvent event) {
        String id = checkId(event.jobId());
        Slot slot = jobs.get(id);
        if (slot != null && event.id() != null && slot.eventIds.contains(event.id())) {
            return false;
        }
        append(id, new Line(null, event));
        slot = remember(id, event);
        for (Consumer<JobEvent> follower : slot.followers) {
            follower.accept(event);
        }
        return true;
    }

    /** Stores (or replaces, on a redelivery) the job's training report. */
    public synchronized void putReport(TrainingReport report) {
        String id = checkId(report.jobId());
        Path file = directory.resolve(id + REPORT);
        Path temporary = directory.resolve(id + REPORT + ".tmp");
        try {
            Files.write(temporary, Json.write(report));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the report of job " + id, e);
        }
        Slot slot = jobs.computeIfAbsent(id, k -> new Slot());
        slot.report = true;
        if (slot.firstSeen == null) {
            slot.firstSeen = report.createdAt() != null ? report.createdAt() : Instant.now();
        }
    }

    public synchronized Optional<StoredJob> find(String jobId) {
        Slot slot = isValidJobId(jobId) ? jobs.get(jobId) : null;
        return slot == null ? Optional.empty() : Optional.of(slot.view(jobId));
    }

    /** Every job, newest first. */
    public synchronized List<StoredJob> all() {
        return jobs.entrySet().stream().map(e -> e.getValue().view(e.getKey()))
                .sorted(Comparator.comparing(StoredJob::firstSeen, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
    }

    public Optional<TrainingReport> report(String jobId) {
        if (!isValidJobId(jobId)) {
            return Optional.empty();
        }
        Path file = directory.resolve(jobId + REPORT);
        try {
            return Files.isRegularFile(file) ? Optional.of(Json.MAPPER.readValue(file.toFile(), TrainingReport.class))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report of job " + jobId, e);
        }
    }

    /**
     * Passes the job's stored events to {@code follower}, then every new one as it is added, with neither a gap nor
     * a repeat between the two (both happen under the store's lock); returns what stops the following.
     */
    public synchronized Runnable follow(String jobId, Consumer<JobEvent> follower) {
        Slot slot = jobs.computeIfAbsent(checkId(jobId), k -> new Slot());
        slot.events.forEach(follower);
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

    private void append(String id, Line line) {
        byte[] json = Json.write(line);
        byte[] bytes = new byte[json.length + 1];
        System.arraycopy(json, 0, bytes, 0, json.length);
        bytes[json.length] = '\n';
        try {
            Files.write(directory.resolve(id + EVENTS), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the job store at " + directory, e);
        }
    }

    private void load() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(EVENTS) && isValidJobId(name.substring(0, name.length() - EVENTS.length()))) {
                load(name.substring(0, name.length() - EVENTS.length()), file);
            }
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.endsWith(REPORT) ? name.substring(0, name.length() - REPORT.length()) : null;
            if (id != null && isValidJobId(id)) {
                Slot slot = jobs.computeIfAbsent(id, k -> new Slot());
                slot.report = true;
                if (slot.firstSeen == null) {
                    slot.firstSeen = Files.getLastModifiedTime(file).toInstant();
                }
            }
        }
        LOG.infof("job store at %s: %d jobs", directory, jobs.size());
    }

    private void load(String id, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            // A line torn by a crash: cut it off, or the next append would be glued to it.
            LOG.warnf("job store: cutting a torn last line (%d bytes) off %s", bytes.length - end, file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(end);
            }
        }
        List<String> lines = new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Line line;
            try {
                line = Json.MAPPER.readValue(lines.get(i), Line.class);
            } catch (IOException e) {
                LOG.warnf("job store: skipping line %d of %s, which does not parse (%s)", i + 1, file,
                        e.getMessage());
                continue;
            }
            if (line.submitted() != null) {
                Slot slot = jobs.computeIfAbsent(id, k -> new Slot());
                slot.submission = line.submitted();
                slot.firstSeen = line.submitted().createdAt();
            } else if (line.event() != null) {
                Slot slot = jobs.get(id);
                if (slot == null || line.event().id() == null || !slot.eventIds.contains(line.event().id())) {
                    remember(id, line.event());
                }
            }
        }
    }

    private static String checkId(String id) {
        if (!isValidJobId(id)) {
            throw new IllegalArgumentException("not a valid job id: '" + id + "' (letters, digits, '.', '_', '-')");
        }
        return id;
    }
}
