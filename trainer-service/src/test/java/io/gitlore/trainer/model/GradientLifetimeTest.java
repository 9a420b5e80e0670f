package io.gitlore.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gradients do not depend on when the garbage collector runs: a collection between the forward and the backward
 * pass once freed the scalars autograd still needed (DJL's {@code mul(Number)} and kin), and the gradients came out
 * zero, wrong or NaN. Each step here is taken twice, the second time with a full collection in the middle.
 */
class GradientLifetimeTest {

    @BeforeAll
    static void offline() {
        System.setProperty("ai.djl.offline", "true");
    }

    @Test
    void aCollectionBetweenForwardAndBackwardChangesNoGradient() throws Exception {
        try (GptModel model = GptModel.initialise(new GptConfig(50, 8, 2, 2, 16, 1e-5), Device.cpu(), 11)) {
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < model.config().layers(); i++) {
                NDArray w = model.parameters().get("h." + i + ".mlp.c_fc.weight");
                model.addAdapter("h." + i + ".mlp.c_fc", LoraAdapter.create(model.manager(), w.getShape().get(0),
                        w.getShape().get(1), 2, 4, 0.0, random));
            }
            Map<String, NDArray> trainable = model.trainable();
            trainable.values().forEach(p -> p.setRequiresGradient(true));
            long[] ids = {3, 17, 42, 8, 0, 49, 21, 5};
            Map<String, float[]> quiet = gradients(model, trainable, ids, false);
            Map<String, float[]> collected = gradients(model, trainable, ids, true);
            assertTrue(quiet.values().stream().anyMatch(g -> java.util.Arrays.stream(toDoubles(g))
                    .anyMatch(v -> v != 0)), "the step has gradients at all");
            quiet.forEach((name, g) -> assertArrayEquals(g, collected.get(name), name));
        }
    }

    private static Map<String, float[]> gradients(GptModel model, Map<String, NDArray> trainable, long[] ids,
                                                  boolean collect) throws InterruptedException {
        try (NDScope scope = new NDScope(); NDManager m = model.manager().newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray in = m.create(java.util.Arrays.copyOf(ids, 7), new Shape(1, 7));
            NDArray target = m.create(java.util.Arrays.copyOfRange(ids, 1, 8), new Shape(1, 7));
            NDArray loss = LmLoss.crossEntropy(model.logits(in, null), target, m.ones(new Shape(1, 7)));
            if (collect) {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Thread.sleep(50);
                }
                // Small native allocations of the kind that reuse freed memory.
                List<java.nio.ByteBuffer> churn = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    churn.add(java.nio.ByteBuffer.allocateDirect(8).putLong(0, -1L));
                }
            }
            collector.backward(loss);
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        trainable.forEach((name, p) -> {
            out.put(name, p.getGradient().toFloatArray());
            p.getGradient().set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
        });
        return out;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
