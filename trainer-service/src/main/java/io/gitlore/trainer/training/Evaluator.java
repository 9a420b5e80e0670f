package io.gitlore.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.LmLoss;

/** Takes a model and a split's rows, gives the mean loss and token accuracy over the weighted positions. */
public final class Evaluator {

    /** Summed negative log-likelihood, correct argmaxes and positions scored. */
    public record Score(double nll, double correct, long tokens) {
        public double loss() {
            return tokens == 0 ? Double.NaN : nll / tokens;
        }

        public double perplexity() {
            return Math.exp(loss());
        }

        public double accuracy() {
            return tokens == 0 ? Double.NaN : correct / tokens;
        }
    }

    private Evaluator() {
    }

    /** Scores the first rows of the split up to {@code maxTokens} positions (all when {@code maxTokens <= 0}). */
    public static Score score(GptModel model, Sequences rows, int batch, long maxTokens) {
        io.gitlore.trainer.model.GradMode.off();
        int t = rows.context();
        long count = rows.count();
        if (maxTokens > 0) {
            count = Math.min(count, Math.max(1, maxTokens / t));
        }
        double nll = 0;
        double correct = 0;
        long tokens = 0;
        long[] input = new long[batch * t];
        long[] target = new long[batch * t];
        float[] weight = new float[batch * t];
        for (long start = 0; start < count; start += batch) {
            int b = (int) Math.min(batch, count - start);
            for (int r = 0; r < b; r++) {
                rows.fill(start + r, r, input, target, weight);
            }
            try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager()) {
                NDArray in = m.create(java.util.Arrays.copyOf(input, b * t), new Shape(b, t));
                NDArray tg = m.create(java.util.Arrays.copyOf(target, b * t), new Shape(b, t));
                NDArray w = m.create(java.util.Arrays.copyOf(weight, b * t), new Shape(b, t));
                NDArray logits = model.logits(in, null);
                nll += LmLoss.summedNll(logits, tg, w).getFloat();
                correct += LmLoss.correct(logits, tg, w).getFloat();
                tokens += Math.round(w.sum().getFloat());
            }
        }
        return new Score(nll, correct, tokens);
    }
}
