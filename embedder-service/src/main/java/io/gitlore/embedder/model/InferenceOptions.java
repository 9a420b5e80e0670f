package io.gitlore.embedder.model;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How the {@link TextEmbedder} runs: where, on how many threads, and how big a batch may get. A group of the
 * embedder's configuration (its properties sit directly under {@code gitlore.embedder}) and the only place these
 * defaults are written; tests and benchmarks get one outside Quarkus from SmallRye Config (the test-support
 * {@code Mappings} helper).
 */
public interface InferenceOptions {

    /** Where the model runs: CUDA when ONNX Runtime has it and a GPU is visible ({@code auto}), or as forced. */
    @WithDefault("auto")
    InferenceDevice device();

    /** ONNX Runtime intra-op threads; 0 = one per core. */
    @WithName("threads")
    @WithDefault("0")
    @PositiveOrZero
    int intraOpThreads();

    /** Most texts in one inference batch. */
    @WithDefault("64")
    @Positive
    int maxBatch();

    /** Most padded tokens (texts × longest) in one inference batch. */
    @WithDefault("16384")
    @Positive
    int batchTokens();
}
