package io.gitlore.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.gitlore.trainer.model.GptConfig;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.GradMode;
import io.gitlore.trainer.model.LmLoss;
import org.junit.jupiter.api.Test;

/** The replica set's three moves on two CPU copies: micro-batches alternate, gradients sum, weights go back. */
class ReplicasTest {

    @Test
    void aCopysGradientReachesTheMasterAndTheMastersWeightsReachTheCopy() {
        System.setProperty("ai.djl.offline", "true");
        GradMode.off();
        try (GptModel master = GptModel.initialise(new GptConfig(50, 8, 1, 2, 16, 1e-5), Device.cpu(), 7);
             AdamW optimiser = new AdamW(master.trainable(), 0.9, 0.95, 1e-8, 0.1);
             Replicas replicas = Replicas.of(master, List.of(Device.cpu(), Device.cpu()))) {
            assertSame(master, replicas.forMicroBatch(0));
            assertSame(master, replicas.forMicroBatch(2));
            GptModel copy = replicas.forMicroBatch(1);
            assertNotSame(master, copy);
            assertNotSame(master.parameters().get("wte.weight"), copy.parameters().get("wte.weight"));

            // As in a step, micro-batch 0 runs on the master, 1 on the copy (here with other rows).
            backward(master, 1);
            backward(copy, 2);
            String name = "h.0.mlp.c_fc.weight";
            float[] fromMaster = master.parameters().get(name).getGradient().toFloatArray();
            float[] fromCopy = copy.parameters().get(name).getGradient().toFloatArray();
            assertTrue(norm(fromCopy) > 0 && !java.util.Arrays.equals(fromMaster, fromCopy));
            replicas.reduceGradients();
            float[] summed = new float[fromMaster.length];
            for (int i = 0; i < summed.length; i++) {
                summed[i] = fromMaster[i] + fromCopy[i];
            }
            assertArrayEquals(summed, master.parameters().get(name).getGradient().toFloatArray());
            assertTrue(norm(copy.parameters().get(name).getGradient().toFloatArray()) == 0,
                    "the copy's gradient is cleared once summed");

            optimiser.update(1e-2, 1.0);
            assertTrue(!java.util.Arrays.equals(master.parameters().get(name).toFloatArray(),
                    copy.parameters().get(name).toFloatArray()));
            replicas.broadcastWeights();
            master.parameters().forEach((n, p) ->
                    assertArrayEquals(p.toFloatArray(), copy.parameters().get(n).toFloatArray(), n));
        }
    }

    @Test
    void theFirstDeviceMustBeTheMasters() {
        try (GptModel master = GptModel.initialise(new GptConfig(50, 8, 1, 2, 16, 1e-5), Device.cpu(), 7)) {
            assertThrows(IllegalArgumentException.class, () -> Replicas.of(master, List.of(Device.gpu(0))));
        }
    }

    private static void backward(GptModel model, int first) {
        try (NDManager m = model.manager().newSubManager();
             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray ids = m.create(java.util.stream.LongStream.range(first, first + 8).toArray(), new Shape(1, 8));
            NDArray targets = m.create(java.util.stream.LongStream.range(first + 1, first + 9).toArray(),
                    new Shape(1, 8));
            NDArray weights = m.ones(new Shape(1, 8));
            collector.backward(LmLoss.summedNll(model.logits(ids, null), targets, weights));
        }
    }

    private static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v * v;
        }
        return sum;
    }
}
