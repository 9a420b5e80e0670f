package io.gitlore.chunker.hygiene;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.chunker.text.Tokens;

/**
 * MinHash near-duplicate index over token shingles: 128 hash functions, locality-sensitive hashing in 16 bands of
 * 8 rows (candidate threshold ≈ 0.71), candidates confirmed by their estimated Jaccard similarity against the
 * configured threshold. Memory: 512 bytes of signature per indexed chunk.
 */
public final class NearDuplicates {

    private static final int HASHES = 128;
    private static final int BANDS = 16;
    private static final int ROWS = HASHES / BANDS;
    private static final int SHINGLE = 5;
    private static final int MIN_SHINGLES = 8;

    private final double threshold;
    private static final long[] SEEDS_A = new long[HASHES];
    private static final long[] SEEDS_B = new long[HASHES];

    static {
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x9E3779B97F4A7C15L);
        for (int i = 0; i < HASHES; i++) {
            SEEDS_A[i] = random.nextLong() | 1;
            SEEDS_B[i] = random.nextLong();
        }
    }

    private final List<Map<Long, List<Integer>>> bands = new ArrayList<>();
    private final List<int[]> signatures = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    public NearDuplicates(double threshold) {
        this.threshold = threshold;
        for (int b = 0; b < BANDS; b++) {
            bands.add(new HashMap<>());
        }
    }

    /**
     * Indexes the text under {@code id} and returns the id of an earlier near-duplicate, or {@code null}. Texts too
     * short to shingle meaningfully are neither indexed nor matched.
     */
    public String addAndFind(String id, String text) {
        return addAndFind(id, signature(text));
    }

    /**
     * Like {@link #addAndFind(String, String)} with a signature computed beforehand by {@link #signature(String)},
     * which is free of index state and so can run on any thread.
     */
    public String addAndFind(String id, int[] signature) {
        if (signature == null) {
            return null;
        }
        String match = null;
        for (int b = 0; b < BANDS && match == null; b++) {
            List<Integer> candidates = bands.get(b).get(bandKey(signature, b));
            if (candidates == null) {
                continue;
            }
            for (int candidate : candidates) {
                if (similarity(signature, signatures.get(candidate)) >= threshold) {
                    match = ids.get(candidate);
                    break;
                }
            }
        }
        int index = signatures.size();
        signatures.add(signature);
        ids.add(id);
        for (int b = 0; b < BANDS; b++) {
            bands.get(b).computeIfAbsent(bandKey(signature, b), k -> new ArrayList<>(1)).add(index);
        }
        return match;
    }

    static double similarity(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) a.length;
    }

    /** The MinHash signature of a text, or {@code null} when it is too short to shingle; thread-safe. */
    public static int[] signature(String text) {
        List<String> tokens = Tokens.split(text);
        if (tokens.size() < SHINGLE + MIN_SHINGLES - 1) {
            return null;
        }
        int[] min = new int[HASHES];
        java.util.Arrays.fill(min, Integer.MAX_VALUE);
        // The shingle hash is a polynomial (base 31) over its tokens' UTF-8 bytes, each token followed by 0x1F.
        // Folding in a token multiplies by 31^(bytes + 1) and adds the token's own polynomial: both are computed once
        // per token here instead of once per shingle it belongs to (wrapping 64-bit arithmetic keeps it exact).
        int n = tokens.size();
        long[] scale = new long[n];
        long[] term = new long[n];
        for (int t = 0; t < n; t++) {
            long poly = 0;
            long pow = 1;
            for (byte b : tokens.get(t).getBytes(StandardCharsets.UTF_8)) {
                poly = 31 * poly + b;
                pow *= 31;
            }
            scale[t] = pow * 31;
            term[t] = 31 * poly + 0x1F;
        }
        for (int i = 0; i + SHINGLE <= n; i++) {
            long h = 1125899906842597L;
            for (int j = i; j < i + SHINGLE; j++) {
                h = h * scale[j] + term[j];
            }
            h = mix(h);
            for (int k = 0; k < HASHES; k++) {
                // Multiply-shift hashing of the mixed shingle hash: one of a universal family per function.
                int v = (int) ((h * SEEDS_A[k] + SEEDS_B[k]) >>> 33);
                if (v < min[k]) {
                    min[k] = v;
                }
            }
        }
        return min;
    }

    private static long bandKey(int[] signature, int band) {
        long h = band;
        for (int r = band * ROWS; r < (band + 1) * ROWS; r++) {
            h = h * 0x100000001B3L + signature[r];
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
