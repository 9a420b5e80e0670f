package io.gitlore.chunker.hygiene;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gitlore.chunker.core.Tokens;

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
    private final long[] seedsA = new long[HASHES];
    private final long[] seedsB = new long[HASHES];
    private final List<Map<Long, List<Integer>>> bands = new ArrayList<>();
    private final List<int[]> signatures = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    public NearDuplicates(double threshold) {
        this.threshold = threshold;
        java.util.SplittableRandom random = new java.util.SplittableRandom(0x9E3779B97F4A7C15L);
        for (int i = 0; i < HASHES; i++) {
            seedsA[i] = random.nextLong() | 1;
            seedsB[i] = random.nextLong();
        }
        for (int b = 0; b < BANDS; b++) {
            bands.add(new HashMap<>());
        }
    }

    /**
     * Indexes the text under {@code id} and returns the id of an earlier near-duplicate, or {@code null}. Texts too
     * short to shingle meaningfully are neither indexed nor matched.
     */
    public String addAndFind(String id, String text) {
        int[] signature = signature(text);
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

    int[] signature(String text) {
        List<String> tokens = Tokens.split(text);
        if (tokens.size() < SHINGLE + MIN_SHINGLES - 1) {
            return null;
        }
        int[] min = new int[HASHES];
        java.util.Arrays.fill(min, Integer.MAX_VALUE);
        for (int i = 0; i + SHINGLE <= tokens.size(); i++) {
            long h = 1125899906842597L;
            for (int j = i; j < i + SHINGLE; j++) {
                for (byte b : tokens.get(j).getBytes(StandardCharsets.UTF_8)) {
                    h = 31 * h + b;
                }
                h = 31 * h + 0x1F;
            }
            h = mix(h);
            for (int k = 0; k < HASHES; k++) {
                // Multiply-shift hashing of the mixed shingle hash: one of a universal family per function.
                int v = (int) ((h * seedsA[k] + seedsB[k]) >>> 33);
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
