package io.gitlore.chunker.service;

import java.nio.file.Files;

import io.gitlore.chunker.config.ChunkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory the chunker reads file bodies from. */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final ChunkerConfig config;

    public DataDirHealthCheck(ChunkerConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var dir = config.dataDir().toAbsolutePath();
        return HealthCheckResponse.named("data-dir").status(Files.isDirectory(dir) || dir.toFile().mkdirs())
                .withData("path", dir.toString()).build();
    }
}
