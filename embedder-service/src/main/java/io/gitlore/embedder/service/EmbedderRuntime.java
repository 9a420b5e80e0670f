package io.gitlore.embedder.service;

import java.time.Duration;

import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.embedder.model.ModelSpec;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.store.QdrantVectorStore;
import io.gitlore.embedder.store.VectorStore;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Owns the service's long-lived handles, built once from {@link EmbedderConfig}: the embedding model (one ONNX
 * Runtime environment per JVM), the vector store (Qdrant when a URL is set, else Lucene under the data directory),
 * the vector cache and the retriever.
 */
@Startup
@ApplicationScoped
public class EmbedderRuntime {

    private static final Logger LOG = Logger.getLogger(EmbedderRuntime.class);

    private final EmbedderConfig config;
    private final TextEmbedder embedder;
    private final VectorStore store;
    private final VectorCache cache;
    private final Retriever retriever;

    public EmbedderRuntime(EmbedderConfig config) {
        this.config = config;
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", config.dataDir().resolve("djl-cache").toString());
        }
        ModelSpec spec = spec(config);
        this.embedder = TextEmbedder.load(spec, config.dataDir(), config.inference());
        this.store = config.qdrantUrl()
                .<VectorStore>map(url -> QdrantVectorStore.connect(url, config.qdrantApiKey().orElse(null),
                        new QdrantVectorStore.Options(config.qdrantCollectionPrefix(), config.upsertBatch(), 6,
                                Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60))))
                .orElseGet(() -> new LuceneVectorStore(config.dataDir().resolve("index")));
        this.cache = new VectorCache(config.dataDir().resolve("embeddings").resolve(spec.id()), embedder.dimension());
        this.retriever = new Retriever(embedder, store, config.rrfK(), config.candidates());
        LOG.infof("embedder ready: %s, store %s", embedder.describe(), store.name());
    }

    static ModelSpec spec(EmbedderConfig config) {
        if (config.modelPath().isPresent()) {
            if (config.tokenizerPath().isEmpty()) {
                throw new IllegalArgumentException("gitlore.embedder.model-path is set but tokenizer-path is not: "
                        + "a user-supplied model needs its tokenizer.json");
            }
            return ModelSpec.custom(config.modelPath().get(), config.tokenizerPath().get(), config.pooling(),
                    config.queryPrefix(), config.maxTokens().orElse(512));
        }
        ModelSpec spec = ModelSpec.builtIn(config.model());
        return config.maxTokens().map(spec::withMaxTokens).orElse(spec);
    }

    public TextEmbedder embedder() {
        return embedder;
    }

    public VectorStore store() {
        return store;
    }

    public VectorCache cache() {
        return cache;
    }

    public Retriever retriever() {
        return retriever;
    }

    public EmbedderConfig config() {
        return config;
    }

    @PreDestroy
    void close() {
        cache.close();
        store.close();
        embedder.close();
    }
}
