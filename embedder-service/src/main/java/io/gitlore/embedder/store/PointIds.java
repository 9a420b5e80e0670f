package io.gitlore.embedder.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Point ids as Qdrant wants them (UUIDs), derived from chunk ids: a name-based UUID (RFC 4122 version 5, SHA-1)
 * in a fixed gitlore namespace, so the same chunk is the same point on every delivery, restart and machine.
 */
public final class PointIds {

    /** uuid5(NAMESPACE_URL, "https://gitlore.io/chunk"), fixed forever: changing it would orphan every point. */
    static final UUID NAMESPACE = UUID.fromString("5d7c3e8b-9a1f-5b2e-8c4d-6f0a1b2c3d4e");

    private PointIds() {
    }

    public static String of(String chunkId) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(chunkId.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bb.getLong(), bb.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
