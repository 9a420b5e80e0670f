package io.gitlore.trainer.model;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * Takes the numbers a forward pass multiplies, divides or raises by and gives each as a 0-d array that lives as long
 * as its model. DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code pow}, {@code add}) wraps the number in an
 * array over a Java buffer and closes it as the call returns, but autograd keeps that array to compute the gradient
 * and reads the buffer again in the backward pass: when a garbage collection fell between the two, the memory had
 * been freed and the gradients came out zero, wrong or NaN (the "transient NaN gradients" under load).
 */
final class HeldScalars {

    private final NDManager manager;
    private final Map<Number, NDArray> held = new ConcurrentHashMap<>();

    HeldScalars(NDManager manager) {
        this.manager = manager;
    }

    /** The number as DJL's overloads would make it (same type, so the same arithmetic), owned by the model. */
    NDArray of(Number value) {
        return held.computeIfAbsent(value, v -> {
            NDArray scalar = manager.create(v);
            // A scalar first needed inside a training step must outlive that step's scope.
            NDScope.unregister(scalar);
            return scalar;
        });
    }
}
