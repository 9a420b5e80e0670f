package io.gitlore.trainer.training;

import java.util.HashMap;
import java.util.Map;

/**
 * Count-based reference models from the train split's (previous, next) token pairs, scored on exactly the positions
 * the model is scored on: a unigram with add-one smoothing, and a bigram interpolated with it, its weight chosen on
 * the validation split.
 */
public final class Baselines {

    private final int vocabulary;
    private final long[] unigram;
    private final Map<Long, Integer> bigram = new HashMap<>();
    private final long[] context;
    private long total;

    /** Perplexities on a split. */
    public record Result(double unigramPerplexity, double bigramPerplexity, double lambda) {
    }

    public Baselines(int vocabulary) {
        this.vocabulary = vocabulary;
        this.unigram = new long[vocabulary];
        this.context = new long[vocabulary];
    }

    public static Baselines count(Sequences train, int vocabulary) {
        Baselines b = new Baselines(vocabulary);
        b.forEachPair(train, (prev, next) -> {
            b.unigram[next]++;
            b.context[prev]++;
            b.bigram.merge((long) prev * vocabulary + next, 1, Integer::sum);
            b.total++;
        });
        return b;
    }

    /** Picks the interpolation weight on validation, then scores test with it. */
    public Result score(Sequences validation, Sequences test) {
        double bestLambda = 0;
        double best = Double.MAX_VALUE;
        for (double lambda = 0.0; lambda <= 0.951; lambda += 0.05) {
            double nll = nll(validation, lambda)[1];
            if (nll < best) {
                best = nll;
                bestLambda = lambda;
            }
        }
        double[] result = nll(test, bestLambda);
        return new Result(Math.exp(result[0]), Math.exp(result[1]), bestLambda);
    }

    private double[] nll(Sequences rows, double lambda) {
        double[] sums = new double[3];
        forEachPair(rows, (prev, next) -> {
            double pu = (unigram[next] + 1.0) / (total + vocabulary);
            Integer c = bigram.get((long) prev * vocabulary + next);
            double pb = context[prev] == 0 ? pu : (c == null ? 0 : c) / (double) context[prev];
            sums[0] -= Math.log(pu);
            sums[1] -= Math.log(lambda * pb + (1 - lambda) * pu);
            sums[2]++;
        });
        return sums[2] == 0 ? new double[] {Double.NaN, Double.NaN}
                : new double[] {sums[0] / sums[2], sums[1] / sums[2]};
    }

    private interface PairConsumer {
        void accept(int prev, int next);
    }

    private void forEachPair(Sequences rows, PairConsumer consumer) {
        int t = rows.context();
        long[] input = new long[t];
        long[] target = new long[t];
        float[] weight = new float[t];
        for (long s = 0; s < rows.count(); s++) {
            rows.fill(s, 0, input, target, weight);
            for (int i = 0; i < t; i++) {
                if (weight[i] > 0) {
                    consumer.accept((int) input[i], (int) target[i]);
                }
            }
        }
    }
}
