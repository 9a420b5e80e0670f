package io.gitlore.embedder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PoolingTest {

    // batch 2 × tokens 3 × dim 2, row-major as ONNX Runtime returns it
    private static final float[] HIDDEN = {
            1, 2, 3, 4, 100, 100,
            -1, 0, 5, 6, 7, 8};

    @Test
    void clsTakesTheFirstTokenOfEachRow() {
        float[][] pooled = Pooling.CLS.pool(HIDDEN, new long[][]{{1, 1, 0}, {1, 1, 1}}, 3, 2);
        assertArrayEquals(new float[]{1, 2}, pooled[0]);
        assertArrayEquals(new float[]{-1, 0}, pooled[1]);
    }

    @Test
    void meanIgnoresPaddedTokens() {
        float[][] pooled = Pooling.MEAN.pool(HIDDEN, new long[][]{{1, 1, 0}, {1, 1, 1}}, 3, 2);
        assertArrayEquals(new float[]{2, 3}, pooled[0]);
        assertArrayEquals(new float[]{11f / 3, 14f / 3}, pooled[1], 1e-6f);
    }

    @Test
    void normalizeGivesUnitLengthAndLeavesZeroAlone() {
        assertArrayEquals(new float[]{0.6f, 0.8f}, Pooling.normalize(new float[]{3, 4}), 1e-7f);
        assertArrayEquals(new float[]{0, 0}, Pooling.normalize(new float[]{0, 0}));
        assertEquals(1.0, Pooling.cosine(new float[]{1, 2}, new float[]{2, 4}), 1e-12);
    }
}
