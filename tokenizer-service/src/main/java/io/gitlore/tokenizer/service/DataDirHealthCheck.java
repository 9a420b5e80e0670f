package io.gitlore.tokenizer.service;

import java.nio.file.Files;

import io.gitlore.tokenizer.config.TokenizerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the shared data directory the tokenizer writes datasets to. */
@Readiness
@ApplicationScoped
public class DataDirHealthCheck implements HealthCheck {

    private final TokenizerConfig config;

    public DataDirHealthCheck(TokenizerConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var dir = config.dataDir().toAbsolutePath();
        return HealthCheckResponse.named("data-dir").status(Files.isDirectory(dir) || dir.toFile().mkdirs())
                .withData("path", dir.toString()).build();
    }
}
