package io.gitlore.scraper.service;

import io.gitlore.contracts.health.DataDirectory;
import io.gitlore.scraper.config.ScraperConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory (blob store, scrape state). */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final ScraperConfig config;

    public DataDirHealthCheck(ScraperConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return DataDirectory.check(config.dataDir());
    }
}
