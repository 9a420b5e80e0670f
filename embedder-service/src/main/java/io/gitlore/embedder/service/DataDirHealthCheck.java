package io.gitlore.embedder.service;

import io.gitlore.contracts.health.DataDirectory;
import io.gitlore.embedder.config.EmbedderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory (models, vector cache and the Lucene index live there). */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final EmbedderConfig config;

    public DataDirHealthCheck(EmbedderConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return DataDirectory.check(config.dataDir());
    }
}
