package io.gitlore.embedder.service;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import jakarta.enterprise.context.ApplicationScoped;

/** Readiness of the vector store (Qdrant answering, or the Lucene directory writable) and the loaded model. */
@Readiness
@ApplicationScoped
public class VectorStoreHealthCheck implements HealthCheck {

    private final EmbedderRuntime runtime;

    public VectorStoreHealthCheck(EmbedderRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        boolean store = runtime.store().ping();
        return HealthCheckResponse.named("vector-store")
                .status(store)
                .withData("store", runtime.store().name())
                .withData("storeReachable", store)
                .withData("model", runtime.embedder().spec().id())
                .withData("device", runtime.embedder().device().toString())
                .build();
    }
}
