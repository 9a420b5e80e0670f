package io.gitlore.gateway.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.gitlore.contracts.job.JobIds;
import io.gitlore.contracts.serde.Json;
import org.jboss.logging.Logger;

/**
 * The job store's files in one directory: per job an append-only JSON-lines log ({@code <id>.jsonl}, a torn last
 * line from a crash cut off when read) and named documents ({@code <id>.<kind>.json}, each replaced atomically).
 * Job ids are file names, so only ids {@link JobIds#isValid} takes reach this class.
 */
final class JobFiles {

    private static final Logger LOG = Logger.getLogger(JobFiles.class);
    static final String LOG_SUFFIX = ".jsonl";
    private static final String DOCUMENT_SUFFIX = ".json";

    private final Path directory;

    JobFiles(Path directory) {
        this.directory = directory.toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the job store at " + this.directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** The ids of every job with a log, then those with documents only, in name order. */
    List<String> jobIds() throws IOException {
        TreeSet<String> logs = new TreeSet<>();
        TreeSet<String> documents = new TreeSet<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.map(p -> p.getFileName().toString()).forEach(name -> {
                if (name.endsWith(LOG_SUFFIX)) {
                    logs.add(name.substring(0, name.length() - LOG_SUFFIX.length()));
                } else if (name.endsWith(DOCUMENT_SUFFIX) && name.indexOf('.') < name.length() - 5) {
                    documents.add(name.substring(0, name.lastIndexOf('.', name.length() - 6)));
                }
            });
        }
        documents.removeAll(logs);
        List<String> ids = new ArrayList<>(logs);
        ids.addAll(documents);
        ids.removeIf(id -> !JobIds.isValid(id));
        return ids;
    }

    void append(String id, Object line) {
        byte[] json = Json.write(line);
        byte[] bytes = new byte[json.length + 1];
        System.arraycopy(json, 0, bytes, 0, json.length);
        bytes[json.length] = '\n';
        try {
            Files.write(log(id), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the job store at " + directory, e);
        }
    }

    /** The log's lines, each parsed; a line that does not parse is skipped with a warning, a torn last one cut off. */
    <T> List<T> read(String id, Class<T> type) throws IOException {
        Path file = log(id);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
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
        List<T> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                parsed.add(Json.MAPPER.readValue(lines.get(i), type));
            } catch (IOException e) {
                LOG.warnf("job store: skipping line %d of %s, which does not parse (%s)", i + 1, file,
                        e.getMessage());
            }
        }
        return parsed;
    }

    void writeDocument(String id, String kind, Object document) {
        Path file = document(id, kind);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temporary, Json.write(document));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the " + kind + " of job " + id, e);
        }
    }

    <T> Optional<T> readDocument(String id, String kind, Class<T> type) {
        Path file = document(id, kind);
        try {
            return Files.isRegularFile(file) ? Optional.of(Json.MAPPER.readValue(file.toFile(), type))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + kind + " of job " + id, e);
        }
    }

    boolean hasDocument(String id, String kind) {
        return Files.isRegularFile(document(id, kind));
    }

    /** When the document was last written, for a job known only by its documents. */
    java.time.Instant documentTime(String id, String kind) throws IOException {
        return Files.getLastModifiedTime(document(id, kind)).toInstant();
    }

    void delete(String id, List<String> kinds) {
        try {
            Files.deleteIfExists(log(id));
            for (String kind : kinds) {
                Files.deleteIfExists(document(id, kind));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path log(String id) {
        return directory.resolve(JobIds.require(id) + LOG_SUFFIX);
    }

    private Path document(String id, String kind) {
        return directory.resolve(JobIds.require(id) + "." + kind + DOCUMENT_SUFFIX);
    }
}
