package io.gitlore.embedder.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;

/**
 * Where the embedding model runs: {@code auto} takes the first CUDA GPU when ONNX Runtime was built with CUDA (the
 * {@code gpu} Maven profile swaps in {@code onnxruntime_gpu}) and one is visible, else the CPU; {@code cpu} and
 * {@code gpu} force the choice.
 */
public enum InferenceDevice {
    AUTO, CPU, GPU;

    /** The DJL device this choice means on this machine. */
    public Device select() {
        return switch (this) {
            case CPU -> Device.cpu();
            case GPU -> Device.gpu();
            case AUTO -> {
                Engine engine = Engine.getEngine("OnnxRuntime");
                boolean cuda = engine.getGpuCount() > 0 && engine.hasCapability(StandardCapabilities.CUDA);
                yield cuda ? Device.gpu() : Device.cpu();
            }
        };
    }
}
