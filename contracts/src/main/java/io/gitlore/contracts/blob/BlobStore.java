package io.gitlore.contracts.blob;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Content-addressed, write-once file store under {@code <data>/blobs/<2 hex>/<id>}: takes bytes, gives a
 * {@link BlobRef} that any service sharing the data directory can resolve (the claim-check for Kafka messages).
 */
public final class BlobStore {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** Unique temporary names within this JVM (the content id keeps them apart across processes). */
    private static final AtomicLong TEMPORARIES = new AtomicLong();

    private final Path root;
    private final Set<Path> knownDirs = ConcurrentHashMap.newKeySet();

    public BlobStore(Path dataDir) {
        this.root = dataDir.resolve("blobs");
    }

    /** Stores content under its SHA-256. */
    public BlobRef put(byte[] content) {
        return put(sha256(content), content);
    }

    /**
     * Stores content under an id the caller already knows (a git blob id); a second put of the id is a no-op.
     * A new blob costs one create, one write and one rename: a scrape writes tens of thousands of them.
     */
    public BlobRef put(String id, byte[] content) {
        Path target = path(id);
        if (Files.exists(target)) {
            return new BlobRef(id, content.length);
        }
        try {
            Path dir = target.getParent();
            if (!knownDirs.contains(dir)) {
                Files.createDirectories(dir);
                knownDirs.add(dir);
            }
            Path tmp = dir.resolve(".tmp-" + id + "-" + TEMPORARIES.incrementAndGet());
            try {
                write(tmp, content);
            } catch (NoSuchFileException e) {
                Files.createDirectories(dir); // the directory went away under us (a cleaned data directory)
                write(tmp, content);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another writer won the race with the same content: keep theirs.
                Files.deleteIfExists(tmp);
            }
            return new BlobRef(id, content.length);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write blob " + id + " under " + root, e);
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(content);
        }
    }

    public boolean contains(String id) {
        return Files.exists(path(id));
    }

    public byte[] get(BlobRef ref) {
        try {
            return Files.readAllBytes(path(ref.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("Blob " + ref.id() + " is not in " + root, e);
        }
    }

    public Path path(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Not a blob id (40 or 64 lower-case hex): " + id);
        }
        return root.resolve(id.substring(0, 2)).resolve(id);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
