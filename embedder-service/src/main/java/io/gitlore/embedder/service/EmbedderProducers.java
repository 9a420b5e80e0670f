package io.gitlore.embedder.service;

import java.util.Locale;

import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.embedder.model.ModelSpec;
import io.gitlore.embedder.model.Pooling;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.store.QdrantVectorStore;
import io.gitlore.embedder.store.StoreRetryPolicy;
import io.gitlore.embedder.store.VectorStore;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Builds the service's long-lived handles from {@link EmbedderConfig} for the container, which closes them at
 * shutdown: the embedding model (one ONNX Runtime environment per JVM), the vector store (Qdrant when a URL is set,
 * else Lucene under the data directory), the vector cache, the retriever and the store's retry policy. Each is built
 * at start, so a wrong setting stops the service there rather than at the first chunk or query.
 */
@ApplicationScoped
public class EmbedderProducers {

    private static final Logger LOG = Logger.getLogger(EmbedderProducers.class);

    @Produces
    @ApplicationScoped
    @Startup
    TextEmbedder embedder(EmbedderConfig config) {
        TextEmbedder embedder = TextEmbedder.load(spec(config), config.dataDir(), config.inference());
        LOG.infof("embedding model ready: %s", embedder.describe());
        return embedder;
    }

    void close(@Disposes TextEmbedder embedder) {
        embedder.close();
    }

    @Produces
    @ApplicationScoped
    @Startup
    VectorStore store(EmbedderConfig config) {
        VectorStore store = config.qdrantUrl()
                .<VectorStore>map(url -> QdrantVectorStore.connect(url, config.qdrantApiKey().orElse(null),
                        QdrantVectorStore.Options.of(config)))
                .orElseGet(() -> new LuceneVectorStore(config.dataDir().resolve("index")));
        LOG.infof("vector store ready: %s", store.name());
        return store;
    }

    void close(@Disposes VectorStore store) {
        store.close();
    }

    @Produces
    @ApplicationScoped
    @Startup
    VectorCache cache(EmbedderConfig config, TextEmbedder embedder) {
        return new VectorCache(config.dataDir().resolve("embeddings").resolve(embedder.spec().id()),
                embedder.dimension());
    }

    void close(@Disposes VectorCache cache) {
        cache.close();
    }

    @Produces
    @ApplicationScoped
    @Startup
    Retriever retriever(EmbedderConfig config, TextEmbedder embedder, VectorStore store) {
        return new Retriever(embedder, store, config.rrfK(), config.candidates());
    }

    @Produces
    @ApplicationScoped
    @Startup
    StoreRetryPolicy storeRetry(EmbedderConfig config) {
        return new StoreRetryPolicy(new StoreRetryPolicy.Settings(config.storeInitialBackoff(),
                config.storeMaxBackoff(), config.storeMaxRetries()));
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
}
