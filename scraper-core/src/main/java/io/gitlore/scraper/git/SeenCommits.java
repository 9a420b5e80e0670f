package io.gitlore.scraper.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The incremental-scrape state of one repository: the commits already emitted, kept as raw 20-byte ids appended to
 * {@code <data>/repos/<repo-id>/state/seen-commits}; reads it whole, appends only after a job's records are acked.
 */
public final class SeenCommits {

    private final Path file;
    private final Set<ObjectId> ids;

    private SeenCommits(Path file, Set<ObjectId> ids) {
        this.file = file;
        this.ids = ids;
    }

    public static SeenCommits load(Path dataDir, String repositoryId) {
        Path file = dataDir.resolve("repos").resolve(repositoryId).resolve("state").resolve("seen-commits");
        Set<ObjectId> ids = new HashSet<>();
        if (Files.exists(file)) {
            try {
                byte[] raw = Files.readAllBytes(file);
                // A torn last write leaves a partial id: ignore the tail, the commit is simply emitted again.
                for (int off = 0; off + 20 <= raw.length; off += 20) {
                    ids.add(ObjectId.fromRaw(raw, off));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read scrape state " + file, e);
            }
        }
        return new SeenCommits(file, ids);
    }

    /** An empty, in-memory state (benchmarks, one-off runs). */
    public static SeenCommits none() {
        return new SeenCommits(null, new HashSet<>());
    }

    public boolean contains(AnyObjectId id) {
        return ids.contains(id);
    }

    public int size() {
        return ids.size();
    }

    public void append(Collection<? extends AnyObjectId> emitted) {
        if (emitted.isEmpty()) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(emitted.size() * 20);
        byte[] raw = new byte[20];
        for (AnyObjectId id : emitted) {
            id.copyRawTo(raw, 0);
            buf.put(raw);
            ids.add(id.toObjectId());
        }
        buf.flip();
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write scrape state " + file, e);
        }
    }
}
