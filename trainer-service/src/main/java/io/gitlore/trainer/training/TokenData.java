package io.gitlore.trainer.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.BitSet;
import java.util.HexFormat;

import io.gitlore.contracts.dataset.DatasetManifest;

/**
 * One split of a dataset directory, memory-mapped: its token stream ({@code uint16} or {@code int32}, little-endian)
 * and its context→target window index, after each file's size and SHA-256 were checked against the manifest.
 */
public final class TokenData {

    private final String split;
    private final ByteBuffer tokens;
    private final int width;
    private final long length;
    private final ByteBuffer windows;
    private final long windowCount;

    private TokenData(String split, ByteBuffer tokens, int width, long length, ByteBuffer windows, long windowCount) {
        this.split = split;
        this.tokens = tokens;
        this.width = width;
        this.length = length;
        this.windows = windows;
        this.windowCount = windowCount;
    }

    /** Verifies and maps one split; a missing file or a checksum mismatch fails naming the file. */
    public static TokenData open(Path dir, DatasetManifest.Split split) {
        DatasetManifest.Shard tokenShard = split.shards().get("tokens");
        DatasetManifest.Shard windowShard = split.shards().get("windows");
        if (tokenShard == null || windowShard == null) {
            throw new IllegalArgumentException("the manifest's split " + split.name() + " lacks its tokens or windows shard");
        }
        ByteBuffer tokens = mapVerified(dir.resolve(tokenShard.file()), tokenShard);
        ByteBuffer windows = mapVerified(dir.resolve(windowShard.file()), windowShard);
        int width = tokenShard.dtype().equals("uint16") ? 2 : 4;
        return new TokenData(split.name(), tokens, width, tokenShard.elements(), windows, windowShard.elements());
    }

    private static ByteBuffer mapVerified(Path file, DatasetManifest.Shard shard) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("dataset shard " + file.toAbsolutePath() + " is missing");
        }
        try {
            long size = Files.size(file);
            if (size != shard.bytes()) {
                throw new IllegalArgumentException("dataset shard " + file.toAbsolutePath() + " has " + size
                        + " bytes, the manifest says " + shard.bytes());
            }
            String sha = sha256(file);
            if (!sha.equals(shard.sha256())) {
                throw new IllegalArgumentException("dataset shard " + file.toAbsolutePath() + " has SHA-256 " + sha
                        + ", the manifest says " + shard.sha256());
            }
            if (size == 0) {
                return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                return ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("dataset shard " + file.toAbsolutePath() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading drives the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String split() {
        return split;
    }

    public long length() {
        return length;
    }

    public int token(long i) {
        return width == 2 ? tokens.getShort((int) (i * 2)) & 0xffff : tokens.getInt((int) (i * 4));
    }

    public long windowCount() {
        return windowCount;
    }

    public long windowStart(long w) {
        return windows.getLong((int) (w * 16));
    }

    public long windowLength(long w) {
        return windows.getLong((int) (w * 16 + 8));
    }

    /** Marks every id this split uses. */
    public void collectIds(BitSet ids) {
        for (long i = 0; i < length; i++) {
            ids.set(token(i));
        }
    }
}
