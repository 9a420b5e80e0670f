package io.gitlore.embedder.model;

/**
 * Turns a transformer's last hidden state (batch × tokens × dim, row-major) into one vector per text, the way the
 * model was trained: bge takes the [CLS] token, MiniLM (sentence-transformers) the attention-masked mean.
 */
public enum Pooling {
    CLS, MEAN;

    /** One pooled, not yet normalised, vector per row of the batch. */
    public float[][] pool(float[] hidden, long[][] attentionMask, int tokens, int dim) {
        int batch = attentionMask.length;
        float[][] out = new float[batch][dim];
        for (int b = 0; b < batch; b++) {
            int rowBase = b * tokens * dim;
            if (this == CLS) {
                System.arraycopy(hidden, rowBase, out[b], 0, dim);
                continue;
            }
            float[] sum = out[b];
            int counted = 0;
            for (int t = 0; t < tokens; t++) {
                if (attentionMask[b].length <= t || attentionMask[b][t] == 0) {
                    continue;
                }
                counted++;
                int base = rowBase + t * dim;
                for (int d = 0; d < dim; d++) {
                    sum[d] += hidden[base + d];
                }
            }
            // sentence-transformers clamps the token count at 1e-9; a row with no tokens stays zero either way.
            float divisor = Math.max(counted, 1);
            for (int d = 0; d < dim; d++) {
                sum[d] /= divisor;
            }
        }
        return out;
    }

    /** L2-normalises in place (a zero vector stays zero) and returns it, so cosine similarity is a dot product. */
    public static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / (Math.sqrt(na) * Math.sqrt(nb));
    }
}
