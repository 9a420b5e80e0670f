package io.gitlore.embedder.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Remembers the vector of every distinct embedded text, per model, in an append-only file under
 * {@code <data>/embeddings/<model-id>/vectors.bin} (SHA-256 of the text, then the floats), so a text that many
 * commits or branches contain is embedded once, across jobs and restarts. Only the offsets live in memory.
 */
public final class VectorCache implements AutoCloseable {

    private static final int KEY = 32;

    private final FileChannel file;
    private final int dimension;
    private final int record;
    private final Map<String, Long> offsets = new HashMap<>();

    public VectorCache(Path dir, int dimension) {
        this.dimension = dimension;
        this.record = KEY + dimension * Float.BYTES;
        try {
            Files.createDirectories(dir);
            Path path = dir.resolve("vectors-" + dimension + ".bin");
            this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long whole = file.size() / record * record;
            // A crash mid-append leaves a partial record at the end: drop it.
            file.truncate(whole);
            ByteBuffer key = ByteBuffer.allocate(KEY);
            for (long pos = 0; pos < whole; pos += record) {
                key.clear();
                file.read(key, pos);
                offsets.put(HexFormat.of().formatHex(key.array()), pos + KEY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("opening the vector cache in " + dir, e);
        }
    }

    public static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized float[] get(String key) {
        Long offset = offsets.get(key);
        if (offset == null) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try {
            file.read(buf, offset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.flip();
        float[] v = new float[dimension];
        buf.asFloatBuffer().get(v);
        return v;
    }

    public synchronized void put(String key, float[] vector) {
        if (offsets.containsKey(key)) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(record).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(HexFormat.of().parseHex(key));
        for (float f : vector) {
            buf.putFloat(f);
        }
        buf.flip();
        try {
            long pos = file.size();
            while (buf.hasRemaining()) {
                file.write(buf, pos + buf.position());
            }
            offsets.put(key, pos + KEY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized int size() {
        return offsets.size();
    }

    @Override
    public synchronized void close() {
        try {
            file.force(false);
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
