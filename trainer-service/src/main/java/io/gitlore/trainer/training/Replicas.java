package io.gitlore.trainer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import io.gitlore.trainer.model.GptModel;
import io.gitlore.trainer.model.GradMode;

/**
 * Data parallelism: takes the master model (on the first device) and the other devices, holds one copy of the model
 * on each; sums the copies' gradients into the master's before an update and copies the master's updated weights back
 * to them after it. Nothing here depends on the devices being GPUs, so two copies on the CPU prove the arithmetic.
 */
public final class Replicas implements AutoCloseable {

    private final GptModel master;
    private final List<GptModel> models;

    private Replicas(GptModel master, List<GptModel> models) {
        this.master = master;
        this.models = models;
    }

    /** Copies of the master on {@code devices}, the first of which must be the master's own. */
    public static Replicas of(GptModel master, List<Device> devices) {
        Device first = master.manager().getDevice();
        if (devices.isEmpty() || !devices.get(0).equals(first)) {
            throw new IllegalArgumentException("the master model is on " + first + ", the first device is "
                    + (devices.isEmpty() ? "missing" : devices.get(0)));
        }
        List<GptModel> models = new ArrayList<>(List.of(master));
        for (Device device : devices.subList(1, devices.size())) {
            GptModel copy = master.copyTo(device);
            copy.trainable().values().forEach(p -> p.setRequiresGradient(true));
            models.add(copy);
        }
        return new Replicas(master, List.copyOf(models));
    }

    public int size() {
        return models.size();
    }

    /** The model that runs micro-batch {@code index} of a step: micro-batches go round the devices in turn. */
    public GptModel forMicroBatch(int index) {
        return models.get(index % models.size());
    }

    /**
     * Adds every copy's gradients into the master's and clears the copies' (after a step's backward passes). The
     * master must have run a backward pass (micro-batch 0 of every step is its): before one, PyTorch has no gradient
     * tensor to add into and DJL hands out a detached zero array instead.
     */
    public void reduceGradients() {
        GradMode.off();
        Map<String, NDArray> into = master.trainable();
        Device device = master.manager().getDevice();
        for (GptModel copy : models.subList(1, models.size())) {
            try (NDScope scope = new NDScope()) {
                copy.trainable().forEach((name, p) -> {
                    NDArray g = p.getGradient();
                    into.get(name).getGradient().addi(g.toDevice(device, false));
                    AdamW.clear(g);
                });
            }
        }
    }

    /** Clears every copy's gradients (the master's are the optimiser's to clear). */
    public void zeroGradients() {
        GradMode.off();
        for (GptModel copy : models.subList(1, models.size())) {
            try (NDScope scope = new NDScope()) {
                copy.trainable().values().forEach(p -> AdamW.clear(p.getGradient()));
            }
        }
    }

    /** Overwrites every copy's trainable weights with the master's (after an update). */
    public void broadcastWeights() {
        GradMode.off();
        Map<String, NDArray> from = master.trainable();
        for (GptModel copy : models.subList(1, models.size())) {
            Device device = copy.manager().getDevice();
            try (NDScope scope = new NDScope()) {
                copy.trainable().forEach((name, p) -> p.set(new NDIndex(":"), from.get(name).toDevice(device, false)));
            }
        }
    }

    /** Closes the copies; the master belongs to the caller. */
    @Override
    public void close() {
        models.subList(1, models.size()).forEach(GptModel::close);
    }
}
