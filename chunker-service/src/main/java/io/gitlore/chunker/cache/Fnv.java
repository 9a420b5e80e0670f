package io.gitlore.chunker.cache;

/**
 * 64-bit FNV-1a hashes for memo keys: always used beside the exact length, so a collision (vanishingly rare) could
 * only misreport one memoised result, never corrupt a cache.
 */
public final class Fnv {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fnv() {
    }

    /** Over the UTF-16 code units of a string. */
    public static long hash64(String s) {
        long h = OFFSET;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= PRIME;
        }
        return h;
    }

    /** Over a byte range {@code [from, to)}. */
    public static long hash64(byte[] bytes, int from, int to) {
        long h = OFFSET;
        for (int i = from; i < to; i++) {
            h ^= bytes[i];
            h *= PRIME;
        }
        return h;
    }
}
