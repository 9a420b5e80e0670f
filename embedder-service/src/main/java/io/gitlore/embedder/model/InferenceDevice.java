package io.gitlore.embedder.model;

/**
 * Where the embedding model runs: {@code auto} takes the first CUDA GPU when ONNX Runtime was built with CUDA (the
 * {@code gpu} Maven profile) and one is visible, else the CPU; {@code cpu} and {@code gpu} force the choice.
 */
public enum InferenceDevice {
    AUTO, CPU, GPU
}
