package io.gitlore.local.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the local stack runs: the built project, the data directory every service shares, the JVM to start them
 * with, the broker's port and the first service port (the gateway; the stages follow), the gateway's API key, the
 * repository roots jobs may read, and the trainer's time budget.
 */
public record StackSettings(Path projectRoot, Path dataDir, Path java, int kafkaPort, int firstServicePort,
                            String apiKey, List<Path> allowedRoots, Duration trainingBudget) {

    public StackSettings {
        allowedRoots = List.copyOf(allowedRoots);
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    public Path pidFile() {
        return dataDir.resolve("stack").resolve("pids");
    }

    public String bootstrap() {
        return "localhost:" + kafkaPort;
    }

    public String gatewayUrl() {
        return "http://localhost:" + firstServicePort;
    }
}
