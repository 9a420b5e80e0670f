package io.gitlore.gateway.health;

import io.gitlore.contracts.health.DataDirectory;
import io.gitlore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory (where the job store lives and the stages write their outputs). */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final GatewayConfig config;

    public DataDirHealthCheck(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return DataDirectory.check(config.dataDir());
    }
}
