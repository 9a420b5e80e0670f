package io.gitlore.local.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.gitlore.local.stack.StackException;
import io.gitlore.local.stack.StackSettings;
import picocli.CommandLine.Option;

/** The options every stack command shares (data directory, ports, training budget), turned into settings. */
final class StackOptions {

    @Option(names = "--project", description = "The built gitlore checkout (default: the working directory).")
    Path project = Path.of("").toAbsolutePath();

    @Option(names = "--data", description = "The data directory all services share (default: $GITLORE_DATA_DIR or"
            + " <project>/.data).")
    Path data;

    @Option(names = "--kafka-port", description = "The broker's port; the controller takes the next one"
            + " (default: $GITLORE_KAFKA_PORT or 19092).")
    Integer kafkaPort;

    @Option(names = "--port", description = "The gateway's port; the stages take the next five"
            + " (default: $GITLORE_GATEWAY_PORT or 18080).")
    Integer port;

    @Option(names = "--training-budget", description = "The trainer's time budget, ISO-8601"
            + " (default: $GITLORE_TRAINER_MAX_DURATION or PT5M).")
    Duration trainingBudget;

    StackSettings settings(List<Path> allowedRoots) {
        Path dataDir = (data != null ? data : Path.of(env("GITLORE_DATA_DIR", project.resolve(".data").toString())))
                .toAbsolutePath().normalize();
        return new StackSettings(project, dataDir,
                Path.of(ProcessHandle.current().info().command().orElse("java")),
                kafkaPort != null ? kafkaPort : Integer.parseInt(env("GITLORE_KAFKA_PORT", "19092")),
                port != null ? port : Integer.parseInt(env("GITLORE_GATEWAY_PORT", "18080")),
                apiKey(dataDir), allowedRoots,
                trainingBudget != null ? trainingBudget : Duration.parse(env("GITLORE_TRAINER_MAX_DURATION", "PT5M")));
    }

    /** The gateway's key: $GITLORE_GATEWAY_API_KEY, or one made once and kept (owner-only) in the data directory. */
    static String apiKey(Path dataDir) {
        String fromEnv = System.getenv("GITLORE_GATEWAY_API_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = keyFile(dataDir);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[24];
            new SecureRandom().nextBytes(key);
            String value = HexFormat.of().formatHex(key);
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return value;
        } catch (IOException e) {
            throw new StackException("could not read or make the API key in " + file + ": " + e.getMessage(), e);
        }
    }

    static Path keyFile(Path dataDir) {
        return dataDir.resolve("stack").resolve("api-key");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
