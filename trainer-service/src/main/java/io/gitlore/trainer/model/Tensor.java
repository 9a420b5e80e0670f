package io.gitlore.trainer.model;

import ai.djl.ndarray.NDArray;

/** A float32 tensor on the host: what checkpoints read and write, and what crosses between model instances. */
public record Tensor(long[] shape, float[] data) {

    public static Tensor of(NDArray array) {
        return new Tensor(array.getShape().getShape(), array.toFloatArray());
    }
}
