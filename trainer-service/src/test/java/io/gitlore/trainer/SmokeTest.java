package io.gitlore.trainer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.training.GradientCollector;
import io.gitlore.trainer.model.*;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        Engine.getEngine("PyTorch"); System.out.println("grad mode at start: " + ai.djl.pytorch.jni.JniUtils.isGradMode());
        for (int vocab : new int[] {512, 16000, 50263}) {
            GptConfig c = Preset.TINY.config(vocab);
            try (GptModel m = GptModel.initialise(c, Device.cpu(), 42)) {
                m.trainable().values().forEach(a -> a.setRequiresGradient(true));
                long[] ids = new long[8 * 128];
                for (int i = 0; i < ids.length; i++) ids[i] = (i * 7919L) % vocab;
                for (int step = 0; step < 6; step++) {
                    long t0 = System.nanoTime();
                    try (NDScope scope = new NDScope(); NDManager sm = m.manager().newSubManager()) {
                        NDArray in = sm.create(ids, new Shape(8, 128));
                        NDArray w = sm.ones(new Shape(8, 128));
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = LmLoss.crossEntropy(m.logits(in, null), in, w);
                            gc.backward(loss);
                            if (step == 5) System.out.println("vocab " + vocab + " loss " + loss.getFloat() + " ms "
                                + (System.nanoTime() - t0) / 1e6 + " grad " + m.parameters().get("wte.weight").getGradient().abs().sum().getFloat());
                        }
                    }
                }
            }
        }
        System.out.println("grad mode at end: " + ai.djl.pytorch.jni.JniUtils.isGradMode());
    }
}
