package io.gitlore.embedder.text;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * BM25 as a Qdrant sparse vector: each analysed term hashes (murmur3, 32 bits) to a dimension; a document's value is
 * BM25's saturated term frequency, and Qdrant's {@code idf} modifier on the collection supplies the inverse document
 * frequency at query time, so the dot product of a query (1 per term) and a document is the BM25 score.
 */
public final class SparseEncoder {

    /** A sparse vector: parallel arrays of dimension indices and values. */
    public record Sparse(int[] indices, float[] values) {
    }

    private final double k1;
    private final double b;
    private final double averageLength;

    public SparseEncoder(double k1, double b, double averageLength) {
        this.k1 = k1;
        this.b = b;
        this.averageLength = averageLength;
    }

    public static SparseEncoder defaults() {
        // Lucene's BM25 defaults; 256 terms is a typical chunk (the chunker's max is 512 tokens).
        return new SparseEncoder(1.2, 0.75, 256);
    }

    public Sparse document(String text) {
        Map<String, Integer> tf = Terms.frequencies(text);
        int length = tf.values().stream().mapToInt(Integer::intValue).sum();
        double norm = k1 * (1 - b + b * length / averageLength);
        return build(tf, f -> (float) (f * (k1 + 1) / (f + norm)));
    }

    public Sparse query(String text) {
        return build(Terms.frequencies(text), f -> 1f);
    }

    private static Sparse build(Map<String, Integer> tf, java.util.function.IntFunction<Float> weight) {
        // Two terms may hash alike; their weights then add up, as Qdrant requires unique indices.
        java.util.TreeMap<Integer, Float> byIndex = new java.util.TreeMap<>();
        tf.forEach((term, f) -> byIndex.merge(index(term), weight.apply(f), Float::sum));
        int[] indices = new int[byIndex.size()];
        float[] values = new float[byIndex.size()];
        int i = 0;
        for (Map.Entry<Integer, Float> e : byIndex.entrySet()) {
            indices[i] = e.getKey();
            values[i++] = e.getValue();
        }
        return new Sparse(indices, values);
    }

    /** The dimension of a term: murmur3 x86 32-bit of its UTF-8 bytes, seed 0 (read as unsigned by Qdrant). */
    public static int index(String term) {
        byte[] data = term.getBytes(StandardCharsets.UTF_8);
        int h = 0;
        int len = data.length;
        int blocks = len / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[i * 4] & 0xff) | (data[i * 4 + 1] & 0xff) << 8 | (data[i * 4 + 2] & 0xff) << 16
                    | (data[i * 4 + 3] & 0xff) << 24;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (len & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                k ^= data[tail] & 0xff;
                k *= 0xcc9e2d51;
                k = Integer.rotateLeft(k, 15);
                k *= 0x1b873593;
                h ^= k;
            default:
        }
        h ^= len;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
