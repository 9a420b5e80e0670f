package io.gitlore.embedder.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the embedder-service (prefix {@code gitlore.embedder}); each is also an env var. */
@ConfigMapping(prefix = "gitlore.embedder")
public interface EmbedderConfig {

    /** Root of the shared data directory (Lucene indexes under {@code index/}, models and vector cache too). */
    @WithDefault(".data")
    Path dataDir();

    /** Built-in model: bge-small-en-v1.5 or all-minilm-l6-v2 (ignored when model-path is set). */
    @WithDefault("bge-small-en-v1.5")
    String model();

    /** A user-supplied ONNX model (last hidden state output); needs tokenizer-path too. */
    Optional<Path> modelPath();

    Optional<Path> tokenizerPath();

    /** Pooling of a user-supplied model: cls or mean. */
    @WithDefault("cls")
    String pooling();

    /** Instruction prefix for queries of a user-supplied model. */
    Optional<String> queryPrefix();

    /** Token limit; defaults to the model's own (bge 512, MiniLM 256, user model 512). */
    Optional<Integer> maxTokens();

    /** auto (CUDA when ONNX Runtime has it and a GPU is visible), cpu or gpu. */
    @WithDefault("auto")
    String device();

    /** ONNX Runtime intra-op threads; 0 = one per core. */
    @WithDefault("0")
    int threads();

    /** Most texts in one inference batch. */
    @WithDefault("64")
    int maxBatch();

    /** Most padded tokens (texts × longest) in one inference batch. */
    @WithDefault("16384")
    int batchTokens();

    /** Points per store write (and chunks embedded together). */
    @WithDefault("256")
    int upsertBatch();

    /** Skip chunks the chunker marked as exact duplicates of an earlier chunk in the job. */
    @WithDefault("true")
    boolean skipDuplicates();

    /** Qdrant gRPC URL (e.g. http://qdrant:6334); unset = the embedded Lucene index. */
    Optional<URI> qdrantUrl();

    Optional<String> qdrantApiKey();

    @WithDefault("gitlore_")
    String qdrantCollectionPrefix();

    /** Longest pause between retries while the vector store is down (the consumer waits, nothing is lost). */
    @WithDefault("30s")
    Duration storeMaxBackoff();

    /** Reciprocal rank fusion constant. */
    @WithDefault("60")
    int rrfK();

    /** Candidates each retriever contributes to a hybrid search. */
    @WithDefault("50")
    int candidates();

    /** First pause before retrying a vector-store write; it doubles after each failure up to store-max-backoff. */
    @WithDefault("1s")
    Duration storeInitialBackoff();

    /** Retries of one vector-store write before its jobs fail; -1 = until the store is back (nothing is lost). */
    @WithDefault("-1")
    int storeMaxRetries();
}
