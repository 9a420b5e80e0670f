package io.gitlore.trainer.service;

import io.gitlore.contracts.health.DataDirectory;
import io.gitlore.trainer.config.TrainerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory (where datasets are read and models written). */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final TrainerConfig config;

    public DataDirHealthCheck(TrainerConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return DataDirectory.check(config.dataDir());
    }
}
