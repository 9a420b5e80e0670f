package io.gitlore.scraper.service;

import java.nio.file.Files;

import io.gitlore.scraper.config.ScraperConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory (blob store, scrape state): it must exist or be creatable, and be writable. */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final ScraperConfig config;

    public DataDirHealthCheck(ScraperConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var dir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
            boolean writable = Files.isWritable(dir);
            return HealthCheckResponse.named("data-dir").status(writable).withData("path", dir.toString()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("data-dir").down().withData("path", dir.toString())
                    .withData("error", e.getMessage()).build();
        }
    }
}
