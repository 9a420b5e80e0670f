package io.gitlore.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * Takes a model, prompt ids and sampling choices, gives new token ids one at a time (greedy at temperature 0, else
 * temperature, top-k and top-p sampling from a seeded RNG); with the KV cache each new token costs one position.
 */
public final class Generator {

    /** How to pick each token. */
    public record Sampling(double temperature, int topK, double topP, long seed) {
    }

    private Generator() {
    }

    /**
     * Generates up to {@code maxTokens} ids after the prompt, handing each to {@code onToken}; stops early when it
     * returns false.
     */
    public static List<Integer> generate(GptModel model, long[] prompt, int maxTokens, Sampling sampling,
                                         boolean useCache, IntPredicate onToken) {
        GradMode.off();
        int context = model.config().contextLength();
        long[] ids = prompt.length > context - 1 ? Arrays.copyOfRange(prompt, prompt.length - (context - 1),
                prompt.length) : prompt.clone();
        int budget = Math.min(maxTokens, context - ids.length);
        SplittableRandom random = new SplittableRandom(sampling.seed());
        List<Integer> out = new ArrayList<>();
        try (KvCache cache = useCache ? new KvCache(model.config().layers()) : null;
             NDManager manager = model.manager().newSubManager()) {
            long[] feed = ids;
            for (int i = 0; i < budget; i++) {
                float[] last;
                try (NDScope scope = new NDScope()) {
                    NDArray in = manager.create(feed, new Shape(1, feed.length));
                    NDArray logits = model.logits(in, cache);
                    last = logits.get(0).get(feed.length - 1).toFloatArray();
                }
                int next = pick(last, sampling, random);
                out.add(next);
                if (!onToken.test(next)) {
                    break;
                }
                if (useCache) {
                    feed = new long[] {next};
                } else {
                    feed = Arrays.copyOf(feed, feed.length + 1);
                    feed[feed.length - 1] = next;
                }
            }
        }
        return out;
    }

    static int pick(float[] logits, Sampling s, SplittableRandom random) {
        if (s.temperature() <= 0) {
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        int k = s.topK() > 0 ? Math.min(s.topK(), logits.length) : logits.length;
        double max = logits[order[0]] / s.temperature();
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp(logits[order[i]] / s.temperature() - max);
            sum += p[i];
        }
        int keep = k;
        if (s.topP() > 0 && s.topP() < 1) {
            double cumulative = 0;
            for (int i = 0; i < k; i++) {
                cumulative += p[i] / sum;
                if (cumulative >= s.topP()) {
                    keep = i + 1;
                    break;
                }
            }
        }
        double total = 0;
        for (int i = 0; i < keep; i++) {
            total += p[i];
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            r -= p[i];
            if (r <= 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }
}
