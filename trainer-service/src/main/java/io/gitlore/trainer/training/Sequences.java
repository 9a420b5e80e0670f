package io.gitlore.trainer.training;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Takes one split's token stream and cuts it into model-sized rows: packed sequences (each token predicted once per
 * epoch) or the manifest's context→target windows cut to the model's context (loss on the target tokens only); ids
 * are mapped to the model's vocabulary, and positions past the data weigh 0; gives each epoch's seeded row order.
 */
public final class Sequences {

    private final TokenData data;
    private final Objective objective;
    private final int context;
    private final int targetLength;
    private final int[] remap;

    /**
     * @param context      the model's context length (tokens per row)
     * @param targetLength the dataset's target tokens per window (used by {@link Objective#WINDOWS})
     * @param remap        old id → model id, or null when the model uses the tokenizer's ids
     */
    public Sequences(TokenData data, Objective objective, int context, int targetLength, int[] remap) {
        this.data = data;
        this.objective = objective;
        this.context = context;
        this.targetLength = targetLength;
        this.remap = remap;
    }

    public int context() {
        return context;
    }

    public long count() {
        if (objective == Objective.WINDOWS) {
            return data.windowCount();
        }
        return data.length() < 2 ? 0 : (data.length() - 1 + context - 1) / context;
    }

    /** Fills row {@code row} of the batch arrays ({@code [rows, context]}) with sequence {@code seq}. */
    public void fill(long seq, int row, long[] input, long[] target, float[] weight) {
        int base = row * context;
        long start;
        int valid;
        int firstTarget;
        if (objective == Objective.PACKED) {
            start = seq * context;
            valid = (int) Math.min(context, data.length() - 1 - start);
            firstTarget = 0;
        } else {
            long ws = data.windowStart(seq);
            long wl = data.windowLength(seq);
            int targets = (int) Math.min(targetLength, wl - 1);
            long cut = Math.min(wl, context + 1L);
            start = ws + wl - cut;
            valid = (int) (cut - 1);
            firstTarget = valid - targets;
        }
        for (int i = 0; i < context; i++) {
            if (i < valid) {
                input[base + i] = id(data.token(start + i));
                target[base + i] = id(data.token(start + i + 1));
                weight[base + i] = i >= firstTarget ? 1f : 0f;
            } else {
                input[base + i] = 0;
                target[base + i] = 0;
                weight[base + i] = 0f;
            }
        }
    }

    private int id(int token) {
        if (remap == null) {
            return token;
        }
        int mapped = remap[token];
        if (mapped < 0) {
            throw new IllegalStateException("token id " + token + " of split " + data.split()
                    + " is outside the model's vocabulary");
        }
        return mapped;
    }

    /** Row numbers in the order of a seeded shuffle (an epoch's order derives from seed and epoch alone). */
    public long[] shuffled(long seed) {
        long[] order = new long[(int) count()];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
