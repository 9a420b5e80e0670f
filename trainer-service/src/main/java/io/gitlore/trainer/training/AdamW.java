package io.gitlore.trainer.training;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.gitlore.trainer.model.Tensor;

/**
 * AdamW with decoupled weight decay on matrices only (not biases, LayerNorm gains), its moments owned here rather than
 * inside DJL's optimiser so a checkpoint can save and restore them exactly; takes accumulated gradients, updates the
 * parameters in place and clears the gradients.
 */
public final class AdamW implements AutoCloseable {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, NDArray> parameters;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long step;

    public AdamW(Map<String, NDArray> parameters, double beta1, double beta2, double epsilon, double weightDecay) {
        this.parameters = parameters;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        parameters.forEach((name, p) -> {
            p.setRequiresGradient(true);
            first.put(name, p.zerosLike());
            second.put(name, p.zerosLike());
        });
    }

    /** The global L2 norm of the gradients, before clipping. */
    public double gradientNorm() {
        io.gitlore.trainer.model.GradMode.off();
        double sum = 0;
        try (NDScope scope = new NDScope()) {
            for (NDArray p : parameters.values()) {
                NDArray g = p.getGradient();
                sum += g.mul(g).sum().getFloat();
            }
        }
        return Math.sqrt(sum);
    }

    /** One update with learning rate {@code lr}, gradients first scaled by {@code gradScale} (clipping, averaging). */
    public void update(double lr, double gradScale) {
        io.gitlore.trainer.model.GradMode.off();
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        try (NDScope scope = new NDScope()) {
            for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
                NDArray p = e.getValue();
                NDArray g = p.getGradient();
                NDArray scaled = g.mul(gradScale);
                NDArray m = first.get(e.getKey());
                NDArray v = second.get(e.getKey());
                m.muli(beta1).addi(scaled.mul(1 - beta1));
                v.muli(beta2).addi(scaled.mul(scaled).mul(1 - beta2));
                NDArray denominator = v.div(c2).sqrt().add(epsilon);
                if (weightDecay > 0 && p.getShape().dimension() >= 2) {
                    p.muli(1 - lr * weightDecay);
                }
                p.subi(m.div(c1).div(denominator).mul(lr));
                clear(g);
            }
        }
    }

    /** Clears the gradients without an update (a skipped step). */
    public void zeroGradients() {
        io.gitlore.trainer.model.GradMode.off();
        try (NDScope scope = new NDScope()) {
            for (NDArray p : parameters.values()) {
                clear(p.getGradient());
            }
        }
    }

    /** Fills a gradient with zeros; {@code g - g} or {@code g * 0} would keep a NaN or an infinity forever. */
    static void clear(NDArray g) {
        g.set(new ai.djl.ndarray.index.NDIndex(":"), 0f);
    }

    public long step() {
        return step;
    }

    /** Moments by name ({@code m.<param>}, {@code v.<param>}) for a checkpoint. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        first.forEach((name, a) -> out.put("m." + name, Tensor.of(a)));
        second.forEach((name, a) -> out.put("v." + name, Tensor.of(a)));
        return out;
    }

    public void restore(Map<String, Tensor> state, long step) {
        first.forEach((name, a) -> a.set(require(state, "m." + name).data()));
        second.forEach((name, a) -> a.set(require(state, "v." + name).data()));
        this.step = step;
    }

    private static Tensor require(Map<String, Tensor> state, String name) {
        Tensor t = state.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the checkpoint lacks optimiser state " + name);
        }
        return t;
    }

    @Override
    public void close() {
        first.values().forEach(NDArray::close);
        second.values().forEach(NDArray::close);
    }
}
