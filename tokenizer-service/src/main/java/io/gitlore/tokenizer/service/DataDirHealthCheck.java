package io.gitlore.tokenizer.service;

import io.gitlore.contracts.health.DataDirectory;
import io.gitlore.tokenizer.config.TokenizerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory (where datasets are written). */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final TokenizerConfig config;

    public DataDirHealthCheck(TokenizerConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return DataDirectory.check(config.dataDir());
    }
}
