package io.gitlore.chunker.service;

import io.gitlore.contracts.health.DataDirectory;
import io.gitlore.chunker.config.ChunkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory (the blob store the chunker reads). */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final ChunkerConfig config;

    public DataDirHealthCheck(ChunkerConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return DataDirectory.check(config.dataDir());
    }
}
