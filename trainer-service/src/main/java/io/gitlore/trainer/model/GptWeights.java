package io.gitlore.trainer.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Takes a model shape, gives the names and shapes of its tensors (GPT-2's, {@code Conv1D} weights {@code [in, out]})
 * and GPT-2's initial values for them, drawn from a Java RNG so a seed means the same weights on any engine.
 */
final class GptWeights {

    private GptWeights() {
    }

    /** Normal(0, 0.02) weights, residual projections scaled by 1/sqrt(2 layers), unit LayerNorm gains, zero biases. */
    static Map<String, NDArray> initial(GptConfig config, NDManager manager, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double residual = 0.02 / Math.sqrt(2.0 * config.layers());
        Map<String, NDArray> p = new LinkedHashMap<>();
        shapes(config).forEach((name, shape) -> {
            if (name.endsWith(".bias")) {
                p.put(name, manager.zeros(new Shape(shape)));
            } else if (shape.length == 1) {
                p.put(name, manager.ones(new Shape(shape))); // LayerNorm gains
            } else {
                double std = name.equals("wpe.weight") ? 0.01 : name.endsWith("c_proj.weight") ? residual : 0.02;
                p.put(name, normal(manager, random, std, shape[0], shape[1]));
            }
        });
        return p;
    }

    /** Name → shape of every trainable tensor of the base model, in a fixed order. */
    static Map<String, long[]> shapes(GptConfig c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long d = c.width();
        s.put("wte.weight", new long[] {c.vocabularySize(), d});
        s.put("wpe.weight", new long[] {c.contextLength(), d});
        for (int i = 0; i < c.layers(); i++) {
            String h = "h." + i + ".";
            s.put(h + "ln_1.weight", new long[] {d});
            s.put(h + "ln_1.bias", new long[] {d});
            s.put(h + "attn.c_attn.weight", new long[] {d, 3 * d});
            s.put(h + "attn.c_attn.bias", new long[] {3 * d});
            s.put(h + "attn.c_proj.weight", new long[] {d, d});
            s.put(h + "attn.c_proj.bias", new long[] {d});
            s.put(h + "ln_2.weight", new long[] {d});
            s.put(h + "ln_2.bias", new long[] {d});
            s.put(h + "mlp.c_fc.weight", new long[] {d, 4 * d});
            s.put(h + "mlp.c_fc.bias", new long[] {4 * d});
            s.put(h + "mlp.c_proj.weight", new long[] {4 * d, d});
            s.put(h + "mlp.c_proj.bias", new long[] {d});
        }
        s.put("ln_f.weight", new long[] {d});
        s.put("ln_f.bias", new long[] {d});
        return s;
    }

    private static NDArray normal(NDManager manager, SplittableRandom random, double std, long rows, long cols) {
        float[] v = new float[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (gaussian(random) * std);
        }
        return manager.create(v, new Shape(rows, cols));
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
