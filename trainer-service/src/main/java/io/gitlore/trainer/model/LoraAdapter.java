package io.gitlore.trainer.model;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A low-rank adapter beside one frozen linear layer: takes the layer's input, gives {@code scale·(dropout(x)·A)·B}
 * with {@code A [in, r]} (small random) and {@code B [r, out]} (zero, so training starts from the base model's
 * output), as PEFT's LoRA does. Dropout acts only while gradients are recorded (training), never in inference.
 */
public record LoraAdapter(NDArray a, NDArray b, double scale, double dropout) implements AutoCloseable {

    public static LoraAdapter create(NDManager manager, long in, long out, int rank, double alpha, double dropout,
                                     SplittableRandom random) {
        float[] init = new float[Math.toIntExact(in * rank)];
        double std = 1.0 / Math.sqrt(in);
        for (int i = 0; i < init.length; i++) {
            init[i] = (float) (GptWeights.gaussian(random) * std);
        }
        NDArray a = manager.create(init, new Shape(in, rank));
        NDArray b = manager.zeros(new Shape(rank, out));
        return new LoraAdapter(a, b, alpha / rank, dropout);
    }

    /** The same adapter with its own arrays in {@code manager} (on that manager's device). */
    LoraAdapter copyTo(NDManager manager) {
        return new LoraAdapter(manager.create(a.toFloatArray(), a.getShape()),
                manager.create(b.toFloatArray(), b.getShape()), scale, dropout);
    }

    /** The adapter's term for input {@code x}; {@code heldScale} is {@link #scale()} as an array the model holds. */
    NDArray apply(NDArray x, NDArray heldScale) {
        // Recording gradients is what training means here: evaluation, generation and merging run without.
        NDArray input = dropout > 0 && JniUtils.isGradMode()
                ? x.getNDArrayInternal().dropout(x, (float) dropout, true).head() : x;
        return input.matMul(a).matMul(b).mul(heldScale);
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
