package io.gitlore.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** AdamW against the update written out by hand, and gradients that held a NaN are really cleared. */
class AdamWTest {

    @Test
    void oneStepMatchesTheFormulaAndANanGradientIsCleared() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, -2f, 3f, 0.5f}, new Shape(2, 2));
            try (AdamW adam = new AdamW(Map.of("w", w), 0.9, 0.95, 1e-8, 0.1)) {
                try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    c.backward(w.mul(w).sum()); // gradient 2w
                }
                adam.update(0.01, 1.0);
                // First step: m = 0.1 g, v = 0.05 g², so m̂ / (sqrt(v̂) + eps) = sign(g); decay on a matrix.
                float[] expected = {1f * (1 - 0.001f) - 0.01f, -2f * (1 - 0.001f) + 0.01f, 3f * (1 - 0.001f) - 0.01f,
                        0.5f * (1 - 0.001f) - 0.01f};
                float[] actual = w.toFloatArray();
                for (int i = 0; i < 4; i++) {
                    assertEquals(expected[i], actual[i], 1e-5);
                }
                w.getGradient().set(new ai.djl.ndarray.index.NDIndex(":"), Float.NaN);
                adam.zeroGradients();
                assertArrayEquals(new float[4], w.getGradient().toFloatArray());
            }
        }
    }
}
