package io.gitlore.embedder.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The retrieval benchmark's metrics on hand-computed cases, and its bootstrap intervals on known data. */
class RetrievalMetricsTest {

    private static final List<String> RANKED = List.of("a", "b", "c", "d", "e");

    @Test
    void recallIsCappedAtKAndCountsEachItemOnce() {
        assertEquals(0.5, RetrievalMetrics.recall(RANKED, Set.of("b", "z"), 10));
        assertEquals(1.0, RetrievalMetrics.recall(RANKED, Set.of("a", "b", "c"), 2), "2 of at most 2");
        assertEquals(0.0, RetrievalMetrics.recall(RANKED, Set.of("e"), 4));
        assertEquals(0.5, RetrievalMetrics.recall(List.of("a", "a"), Set.of("a", "b"), 10));
        assertThrows(IllegalArgumentException.class, () -> RetrievalMetrics.recall(RANKED, Set.of(), 10));
    }

    @Test
    void reciprocalRankIsTheFirstRelevantWithinK() {
        assertEquals(1.0 / 3, RetrievalMetrics.reciprocalRank(RANKED, Set.of("c", "e"), 10));
        assertEquals(0.0, RetrievalMetrics.reciprocalRank(RANKED, Set.of("e"), 4));
    }

    @Test
    void ndcgDiscountsByLog2OfTheRankAgainstTheIdealRanking() {
        // relevant at ranks 2 and 4: (1/log2(3) + 1/log2(5)) / (1 + 1/log2(3))
        double expected = (1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3));
        assertEquals(expected, RetrievalMetrics.ndcg(RANKED, Set.of("b", "d"), 10), 1e-12);
        assertEquals(1.0, RetrievalMetrics.ndcg(RANKED, Set.of("a"), 10), 1e-12);
        assertEquals(1.0, RetrievalMetrics.ndcg(RANKED, Set.of("a", "b", "z"), 2), 1e-12, "ideal of min(k, |rel|)");
    }

    @Test
    void bootstrapIntervalsCoverTheMeanAndSeparateOnlyRealDifferences() {
        double[] a = new double[200];
        double[] b = new double[200];
        double[] c = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 2;           // mean 0.5
            b[i] = (i % 4) / 3.0;   // mean 0.5, different spread
            c[i] = i % 5 == 0 ? 0 : 1; // mean 0.8
        }
        RetrievalMetrics.Interval mean = RetrievalMetrics.bootstrap(a, 2000, 7);
        assertEquals(0.5, mean.mean(), 1e-12);
        assertTrue(mean.low() < 0.5 && mean.high() > 0.5 && mean.high() - mean.low() < 0.2, mean.toString());
        assertFalse(RetrievalMetrics.paired(a, b, 2000, 7).excludesZero(), "equal means: no difference");
        RetrievalMetrics.Interval better = RetrievalMetrics.paired(c, a, 2000, 7);
        assertEquals(0.3, better.mean(), 1e-12);
        assertTrue(better.excludesZero() && better.low() > 0, better.toString());
        assertEquals(RetrievalMetrics.paired(c, a, 2000, 7), better, "seeded: the same interval every run");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
