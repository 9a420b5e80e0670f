package io.gitlore.embedder.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which embedding model to run and its conventions: the ONNX file and tokenizer.json (from a Maven jar on the class
 * path, or from disk), the pooling it was trained with, the instruction prefix it expects on queries (never on
 * documents) and its sequence limit.
 *
 * @param resourcePrefix class-path name of the built-in model's files ({@code <prefix>.onnx},
 *                       {@code <prefix>-tokenizer.json}); {@code null} for a user-supplied model
 */
public record ModelSpec(String id, String resourcePrefix, Path onnxPath, Path tokenizerPath, Pooling pooling,
                        String queryPrefix, int maxTokens) {

    /** BAAI/bge-small-en-v1.5, 384-d: [CLS] pooling and the retrieval instruction on queries. */
    public static final String BGE_SMALL = "bge-small-en-v1.5";
    /** bge-small-en-v1.5 with int8 weights (Xenova's model_quantized.onnx): same conventions, faster on CPU. */
    public static final String BGE_SMALL_Q = "bge-small-en-v1.5-q";
    /** sentence-transformers/all-MiniLM-L6-v2, 384-d: mean pooling, no prefix, trained at 256 tokens. */
    public static final String MINILM = "all-minilm-l6-v2";
    public static final String BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

    public static ModelSpec builtIn(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case BGE_SMALL, "bge-small-en-v15", "bge-small" ->
                    new ModelSpec(BGE_SMALL, "bge-small-en-v1.5", null, null, Pooling.CLS, BGE_QUERY_PREFIX, 512);
            case BGE_SMALL_Q, "bge-small-en-v15-q", "bge-small-q" ->
                    new ModelSpec(BGE_SMALL_Q, "bge-small-en-v1.5-q", null, null, Pooling.CLS, BGE_QUERY_PREFIX, 512);
            case MINILM, "all-minilm", "minilm" ->
                    new ModelSpec(MINILM, "all-minilm-l6-v2", null, null, Pooling.MEAN, "", 256);
            default -> throw new IllegalArgumentException("unknown embedding model '" + name + "': use "
                    + BGE_SMALL + ", " + BGE_SMALL_Q + ", " + MINILM + ", or set a model path and tokenizer path");
        };
    }

    /** A user-supplied ONNX model; its dimension is read from the model's output when it loads. */
    public static ModelSpec custom(Path onnx, Path tokenizer, Pooling pooling, Optional<String> queryPrefix,
                                   int maxTokens) {
        String id = "custom-" + onnx.getFileName().toString().replaceAll("\\.onnx$", "")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return new ModelSpec(id, null, onnx, tokenizer, pooling, queryPrefix.orElse(""), maxTokens);
    }

    public ModelSpec withMaxTokens(int max) {
        return new ModelSpec(id, resourcePrefix, onnxPath, tokenizerPath, pooling, queryPrefix, max);
    }
}
