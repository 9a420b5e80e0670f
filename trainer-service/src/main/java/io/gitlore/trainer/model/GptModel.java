package io.gitlore.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;

/**
 * A GPT-2-shaped decoder held as named DJL arrays (the Hugging Face GPT-2 names and shapes, {@code Conv1D} weights
 * as {@code [in, out]}): takes token ids, gives next-token logits; pre-LayerNorm blocks, causal attention, GELU
 * (tanh form, as GPT-2) MLP, final LayerNorm, output head tied to the token embedding.
 */
public final class GptModel implements AutoCloseable {

    private static final float MASKED = -1e9f;
    private static final double GELU_C = Math.sqrt(2 / Math.PI);

    private final GptConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Map<String, LoraAdapter> adapters = new LinkedHashMap<>();
    private final HeldScalars scalars;

    private GptModel(GptConfig config, NDManager manager, Map<String, NDArray> parameters) {
        this.config = config;
        this.manager = manager;
        this.parameters = parameters;
        this.scalars = new HeldScalars(manager);
    }

    /** GPT-2's initialisation (see {@link GptWeights#initial}) from a seed, so two runs start from the same weights. */
    public static GptModel initialise(GptConfig config, Device device, long seed) {
        NDManager manager = NDManager.newBaseManager(device);
        return new GptModel(config, manager, GptWeights.initial(config, manager, seed));
    }

    /** A model over given tensors (host arrays by name), checked against the shapes the config implies. */
    public static GptModel fromTensors(GptConfig config, Device device, Map<String, Tensor> tensors) {
        NDManager manager = NDManager.newBaseManager(device);
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> expected : GptWeights.shapes(config).entrySet()) {
            Tensor t = tensors.get(expected.getKey());
            if (t == null) {
                manager.close();
                throw new IllegalArgumentException("the checkpoint lacks the tensor '" + expected.getKey() + "'");
            }
            if (!java.util.Arrays.equals(t.shape(), expected.getValue())) {
                manager.close();
                throw new IllegalArgumentException("tensor '" + expected.getKey() + "' has shape "
                        + java.util.Arrays.toString(t.shape()) + ", the config implies "
                        + java.util.Arrays.toString(expected.getValue()));
            }
            p.put(expected.getKey(), manager.create(t.data(), new Shape(t.shape())));
        }
        return new GptModel(config, manager, p);
    }

    /** A copy of this model (base weights and adapters) on {@code device}: a data-parallel replica. */
    public GptModel copyTo(Device device) {
        GptModel copy = fromTensors(config, device, toTensors());
        adapters.forEach((name, a) -> copy.adapters.put(name, a.copyTo(copy.manager)));
        return copy;
    }

    public GptConfig config() {
        return config;
    }

    public NDManager manager() {
        return manager;
    }

    /** The base tensors by name (unmodifiable; the arrays themselves are live). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public Map<String, LoraAdapter> adapters() {
        return Collections.unmodifiableMap(adapters);
    }

    /** The arrays an optimiser updates: the adapters' when there are any (the base is then frozen), else the base. */
    public Map<String, NDArray> trainable() {
        if (adapters.isEmpty()) {
            return parameters();
        }
        Map<String, NDArray> t = new LinkedHashMap<>();
        adapters.forEach((name, a) -> {
            t.put(name + ".lora_A", a.a());
            t.put(name + ".lora_B", a.b());
        });
        return t;
    }

    public void addAdapter(String linear, LoraAdapter adapter) {
        if (!parameters.containsKey(linear + ".weight")) {
            throw new IllegalArgumentException("no linear layer named " + linear);
        }
        adapters.put(linear, adapter);
    }

    /** Folds every adapter into its base weight ({@code W + scale·A·B}) and removes the adapters. */
    public void mergeAdapters() {
        GradMode.off();
        for (Map.Entry<String, LoraAdapter> e : adapters.entrySet()) {
            NDArray w = parameters.get(e.getKey() + ".weight");
            try (NDArray delta = e.getValue().a().matMul(e.getValue().b()).mul(e.getValue().scale())) {
                w.addi(delta);
            }
            e.getValue().close();
        }
        adapters.clear();
    }

    public long parameterCount() {
        long n = 0;
        for (NDArray a : parameters.values()) {
            n += a.size();
        }
        return n;
    }

    /**
     * Logits {@code [batch, time, vocabulary]} for ids {@code [batch, time]}; with a cache, the ids continue the
     * cached positions and their keys and values are appended to it.
     */
    public NDArray logits(NDArray ids, KvCache cache) {
        NDArray hidden = hidden(ids, cache);
        return hidden.matMul(parameters.get("wte.weight").transpose());
    }

    /** The final LayerNorm's output {@code [batch, time, width]}. */
    public NDArray hidden(NDArray ids, KvCache cache) {
        long t = ids.getShape().get(1);
        int offset = cache == null ? 0 : cache.length();
        if (offset + t > config.contextLength()) {
            throw new IllegalArgumentException("positions " + offset + ".." + (offset + t) + " exceed the context of "
                    + config.contextLength());
        }
        NDArray positions = parameters.get("wpe.weight").get(offset + ":" + (offset + t));
        NDArray x = Embedding.embedding(ids, parameters.get("wte.weight"), SparseFormat.DENSE).singletonOrThrow()
                .add(positions);
        NDArray mask = causalMask(ids.getManager(), (int) t, offset);
        for (int i = 0; i < config.layers(); i++) {
            String h = "h." + i + ".";
            NDArray a = norm(x, h + "ln_1");
            x = x.add(linear(attention(linear(a, h + "attn.c_attn"), mask, cache, i), h + "attn.c_proj"));
            NDArray m = norm(x, h + "ln_2");
            x = x.add(linear(gelu(linear(m, h + "mlp.c_fc")), h + "mlp.c_proj"));
        }
        if (cache != null) {
            cache.advance((int) t);
        }
        return norm(x, "ln_f");
    }

    private NDArray attention(NDArray qkv, NDArray mask, KvCache cache, int layer) {
        long b = qkv.getShape().get(0);
        long t = qkv.getShape().get(1);
        int heads = config.heads();
        int hw = config.headWidth();
        NDArray heads4 = qkv.reshape(b, t, 3, heads, hw).transpose(2, 0, 3, 1, 4);
        NDArray q = heads4.get(0);
        NDArray k = heads4.get(1);
        NDArray v = heads4.get(2);
        if (cache != null) {
            k = cache.appendKeys(layer, k);
            v = cache.appendValues(layer, v);
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scalars.of(Math.sqrt(hw))).add(mask);
        NDArray context = scores.softmax(-1).matMul(v);
        return context.transpose(0, 2, 1, 3).reshape(b, t, (long) heads * hw);
    }

    private static NDArray causalMask(NDManager manager, int t, int offset) {
        int s = offset + t;
        float[] mask = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = offset + i + 1; j < s; j++) {
                mask[i * s + j] = MASKED;
            }
        }
        return manager.create(mask, new Shape(t, s));
    }

    private NDArray linear(NDArray x, String name) {
        NDArray y = x.matMul(parameters.get(name + ".weight")).add(parameters.get(name + ".bias"));
        LoraAdapter adapter = adapters.get(name);
        return adapter == null ? y : y.add(adapter.apply(x, scalars.of(adapter.scale())));
    }

    private NDArray norm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(config.width()), parameters.get(name + ".weight"),
                parameters.get(name + ".bias"), (float) config.layerNormEpsilon()).singletonOrThrow();
    }

    /**
     * GPT-2's {@code gelu_new}: the tanh approximation, so logits match the reference implementation. Every number is
     * a {@link HeldScalars held scalar}: the backward pass reads them again.
     */
    private NDArray gelu(NDArray x) {
        return x.pow(scalars.of(3)).mul(scalars.of(0.044715)).add(x).mul(scalars.of(GELU_C)).tanh()
                .add(scalars.of(1)).mul(x).mul(scalars.of(0.5));
    }

    /** Copies every base tensor to the host, by name. */
    public Map<String, Tensor> toTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((name, a) -> out.put(name, Tensor.of(a)));
        return out;
    }

    /** Overwrites every base tensor in place (shapes must agree). */
    public void load(Map<String, Tensor> tensors) {
        List<String> missing = new ArrayList<>();
        parameters.forEach((name, a) -> {
            Tensor t = tensors.get(name);
            if (t == null) {
                missing.add(name);
            } else {
                a.set(t.data());
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("tensors missing: " + missing);
        }
    }

    public DataType dataType() {
        return parameters.get("wte.weight").getDataType();
    }

    @Override
    public void close() {
        adapters.values().forEach(LoraAdapter::close);
        manager.close();
    }
}
