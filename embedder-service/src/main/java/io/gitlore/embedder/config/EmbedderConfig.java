package io.gitlore.embedder.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.gitlore.embedder.model.Pooling;
import io.gitlore.embedder.model.InferenceOptions;
import io.gitlore.embedder.search.SearchMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Every setting of the embedder-service (prefix {@code gitlore.embedder}), each also an env var, checked at start;
 * docs/configuration.md is generated from it.
 */
@ConfigMapping(prefix = "gitlore.embedder")
public interface EmbedderConfig {

    /** Root of the shared data directory (Lucene indexes under {@code index/}, models and vector cache too). */
    @WithDefault(".data")
    Path dataDir();

    /**
     * Built-in model: bge-small-en-v1.5, bge-small-en-v1.5-q or all-minilm-l6-v2 (ignored when model-path is set);
     * another name stops the service at start with these. The CPU default is the int8 model: on the retrieval benchmark
     * it is 1.9× faster than fp32 with quality within the noise (docs/benchmarks.md); a GPU runs fp32.
     */
    @WithDefault("bge-small-en-v1.5-q")
    @Pattern(regexp = "(?i)bge-small-en-v1\\.?5(-q)?|bge-small(-q)?|all-minilm-l6-v2|all-minilm|minilm",
            message = "must be bge-small-en-v1.5, bge-small-en-v1.5-q or all-minilm-l6-v2 (or set model-path)")
    String model();

    /** A user-supplied ONNX model (last hidden state output); needs tokenizer-path too. */
    Optional<Path> modelPath();

    /** The tokenizer.json of the user-supplied model. */
    Optional<Path> tokenizerPath();

    /** Pooling of a user-supplied model: the [CLS] token or the attention-masked mean. */
    @WithDefault("cls")
    Pooling pooling();

    /** Instruction prefix for queries of a user-supplied model. */
    Optional<String> queryPrefix();

    /** Token limit; defaults to the model's own (bge 512, MiniLM 256, user model 512). */
    Optional<@Positive Integer> maxTokens();

    /** Where and how the model runs (its properties sit directly under the prefix). */
    @WithParentName
    InferenceOptions inference();

    /** Points per store write (and chunks embedded together). */
    @WithDefault("256")
    @Positive
    int upsertBatch();

    /**
     * A change whose unit and changed lines (whitespace aside) match an earlier change (a merge, cherry-pick or
     * backport of the same edit) shares that change's vector instead of being embedded again.
     */
    @WithDefault("true")
    boolean skipNearDuplicates();

    /** Most model tokens of a change's text (header, subject, changed lines); the rest of a larger change is cut. */
    @WithDefault("256")
    @Positive
    int changeMaxTokens();

    /**
     * Store each chunk's points with their text at once (keyword search answers while the model works) and compute
     * the vectors behind: current code first, then history newest first; a job completes once its vectors are all
     * in. false = embed each batch before writing it. Applies to the embedded Lucene index; with Qdrant, points are
     * always written with their vectors (its dense vector is the unnamed one, which Qdrant does not document as
     * optional).
     */
    @WithDefault("true")
    boolean textFirst();

    /** Qdrant gRPC URL (e.g. http://qdrant:6334); unset = the embedded Lucene index. */
    Optional<URI> qdrantUrl();

    /** API key of the Qdrant server. */
    Optional<String> qdrantApiKey();

    /** Qdrant collection name = this prefix + repository id. */
    @WithDefault("gitlore_")
    String qdrantCollectionPrefix();

    /** Deadline of one Qdrant call; a call past it counts as the server being down and is retried. */
    @WithDefault("60s")
    Duration qdrantTimeout();

    /** Longest pause between retries while the vector store is down (the consumer waits, nothing is lost). */
    @WithDefault("30s")
    Duration storeMaxBackoff();

    /** Reciprocal rank fusion constant. */
    @WithDefault("60")
    @PositiveOrZero
    int rrfK();

    /** Retrieval mode of a search that names none: hybrid, vector or bm25 (see docs/benchmarks.md for the evidence). */
    @WithDefault("hybrid")
    SearchMode defaultMode();

    /** Commits listed per hit, newest first, when a search does not say. */
    @WithDefault("20")
    @PositiveOrZero
    int historyLimit();

    /** Candidate points each retriever contributes to a search (at least 5 per hit asked for). */
    @WithDefault("50")
    @Positive
    int candidates();

    /** First pause before retrying a vector-store write; it doubles after each failure up to store-max-backoff. */
    @WithDefault("1s")
    Duration storeInitialBackoff();

    /** Retries of one vector-store write before its jobs fail; -1 = until the store is back (nothing is lost). */
    @WithDefault("-1")
    int storeMaxRetries();
}
