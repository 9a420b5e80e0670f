package io.gitlore.embedder.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Retrieval metrics of one query and their means with bootstrap confidence intervals, for the retrieval benchmark.
 * Relevance is binary. {@code recall@k} is capped: the share of the relevant items in the top k, out of at most k
 * (a commit that changed 30 units can still reach 1.0); the reciprocal rank counts the first relevant item within
 * the top k (0 beyond); nDCG@k uses log2 discounts against the ideal ranking of min(k, |relevant|) hits.
 */
public final class RetrievalMetrics {

    /** A mean and its two-sided percentile bootstrap interval. */
    public record Interval(double mean, double low, double high) {
        public boolean excludesZero() {
            return low > 0 || high < 0;
        }

        @Override
        public String toString() {
            return String.format("%.3f [%.3f, %.3f]", mean, low, high);
        }
    }

    private RetrievalMetrics() {
    }

    public static double recall(List<String> ranked, Set<String> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one relevant item");
        }
        long found = ranked.stream().limit(k).distinct().filter(relevant::contains).count();
        return (double) found / Math.min(k, relevant.size());
    }

    public static double reciprocalRank(List<String> ranked, Set<String> relevant, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    public static double ndcg(List<String> ranked, Set<String> relevant, int k) {
        double dcg = 0;
        java.util.Set<String> counted = new java.util.HashSet<>();
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i)) && counted.add(ranked.get(i))) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(k, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    public static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** The mean of per-query values with a 95% percentile bootstrap interval (queries resampled with replacement). */
    public static Interval bootstrap(double[] values, int resamples, long seed) {
        return paired(values, new double[values.length], resamples, seed);
    }

    /**
     * The mean difference {@code a - b} of two systems on the same queries, resampling queries (paired), with its 95%
     * interval: a difference is beyond the noise when the interval excludes zero.
     */
    public static Interval paired(double[] a, double[] b, int resamples, long seed) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("paired values need the same, non-zero number of queries");
        }
        int n = a.length;
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = a[i] - b[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += diff[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new Interval(mean(diff), means[(int) Math.floor(0.025 * (resamples - 1))],
                means[(int) Math.ceil(0.975 * (resamples - 1))]);
    }
}
