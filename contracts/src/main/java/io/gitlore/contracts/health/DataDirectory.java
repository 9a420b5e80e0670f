package io.gitlore.contracts.health;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.health.HealthCheckResponse;

/** The readiness every service reports for the shared data directory: it exists (or can be made) and is writable. */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static HealthCheckResponse check(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            return HealthCheckResponse.named("data-dir").status(Files.isWritable(dir))
                    .withData("path", dir.toString()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("data-dir").down().withData("path", dir.toString())
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
