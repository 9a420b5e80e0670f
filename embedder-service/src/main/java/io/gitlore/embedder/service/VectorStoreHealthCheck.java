package io.gitlore.embedder.service;

import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.store.VectorStore;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import jakarta.enterprise.context.ApplicationScoped;

/** Readiness of the vector store (Qdrant answering, or the Lucene directory writable) and the loaded model. */
@Readiness
@ApplicationScoped
public class VectorStoreHealthCheck implements HealthCheck {

    private final VectorStore store;
    private final TextEmbedder embedder;

    public VectorStoreHealthCheck(VectorStore store, TextEmbedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    @Override
    public HealthCheckResponse call() {
        boolean reachable = store.ping();
        return HealthCheckResponse.named("vector-store")
                .status(reachable)
                .withData("store", store.name())
                .withData("storeReachable", reachable)
                .withData("model", embedder.spec().id())
                .withData("device", embedder.device().toString())
                .build();
    }
}
