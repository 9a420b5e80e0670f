package io.gitlore.local.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole stack on one machine: consumes {@link StackSettings}, starts the broker, then the gateway and every
 * stage as child JVMs, records their pids (so {@code stop} works from another shell), and stops them in reverse
 * order, services before the broker so their consumers leave their groups cleanly.
 */
public final class LocalStack implements AutoCloseable {

    private final StackSettings settings;
    private final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private final Consumer<String> say;

    private LocalStack(StackSettings settings, List<ServiceSpec> parts, Consumer<String> say) {
        this.settings = settings;
        this.say = say;
        parts.forEach(spec -> specs.put(spec.name(), spec));
    }

    /**
     * Starts the broker and waits for it, then launches every service without waiting (they start in parallel);
     * {@link #awaitReady(String)} waits for one. Refuses to start over a stack that is still running.
     */
    public static LocalStack launch(StackSettings settings, Consumer<String> say) {
        return launchParts(settings, Services.all(settings), say);
    }

    /**
     * Like {@link #launch(StackSettings, Consumer)} with the broker and only the named services, each started with
     * {@code env} added to its environment (the fault tests run the stages without the gateway, on small budgets).
     */
    public static LocalStack launch(StackSettings settings, List<String> services, Map<String, String> env,
                                    Consumer<String> say) {
        List<ServiceSpec> parts = new ArrayList<>();
        for (ServiceSpec spec : Services.all(settings)) {
            if (spec.name().equals(Services.KAFKA)) {
                parts.add(spec);
            } else if (services.contains(spec.name())) {
                parts.add(spec.withEnv(env));
            }
        }
        return launchParts(settings, parts, say);
    }

    private static LocalStack launchParts(StackSettings settings, List<ServiceSpec> parts, Consumer<String> say) {
        List<Long> alive = recordedPids(settings.pidFile()).values().stream()
                .filter(pid -> ProcessHandle.of(pid).filter(LocalStack::isOurs).isPresent()).toList();
        if (!alive.isEmpty()) {
            throw new StackException("a local stack is already running from " + settings.dataDir() + " (pids "
                    + alive + "); stop it first: deploy/local/stop.sh");
        }
        LocalStack stack = new LocalStack(settings, parts, say);
        try {
            stack.start(Services.KAFKA);
            stack.awaitReady(Services.KAFKA);
            for (String name : stack.specs.keySet()) {
                if (!name.equals(Services.KAFKA)) {
                    stack.start(name);
                }
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Starts one part (again, after a kill) and records its pid. */
    public ServiceProcess start(String name) {
        ServiceProcess process = ServiceProcess.start(specs.get(name), settings.java(), settings.projectRoot(),
                settings.logs());
        running.put(name, process);
        writePids();
        return process;
    }

    public void awaitReady(String name) {
        ServiceProcess process = running.get(name);
        long started = System.nanoTime();
        process.awaitReady();
        say.accept(String.format("%-9s ready in %4.1f s  %s  (log: %s)", name, (System.nanoTime() - started) / 1e9,
                name.equals(Services.KAFKA) ? settings.bootstrap() : "http://localhost:" + process.spec().port(),
                process.log()));
    }

    /** Waits for every part that is not ready yet, in start order. */
    public void awaitAllReady() {
        for (String name : running.keySet()) {
            awaitReady(name);
        }
    }

    public ServiceProcess process(String name) {
        return running.get(name);
    }

    public StackSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(running.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            running.get(names.get(i)).stop(Duration.ofSeconds(20));
        }
        running.clear();
        try {
            Files.deleteIfExists(settings.pidFile());
        } catch (IOException e) {
            say.accept("could not delete " + settings.pidFile() + ": " + e.getMessage());
        }
    }

    /** Stops a stack started by another command, from its pid file; returns how many processes were stopped. */
    public static int stopRecorded(Path pidFile, Consumer<String> say) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(recordedPids(pidFile).entrySet());
        int stopped = 0;
        for (int i = entries.size() - 1; i >= 0; i--) {
            var entry = entries.get(i);
            var handle = ProcessHandle.of(entry.getValue());
            if (handle.isPresent() && isOurs(handle.get())) {
                Processes.stop(handle.get(), Duration.ofSeconds(20));
                say.accept("stopped " + entry.getKey() + " (pid " + entry.getValue() + ")");
                stopped++;
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new StackException("could not delete " + pidFile + ": " + e.getMessage(), e);
        }
        return stopped;
    }

    /** A recorded pid may have been reused by an unrelated process since: only stop what we started. */
    private static boolean isOurs(ProcessHandle handle) {
        return handle.isAlive() && handle.info().commandLine()
                .map(c -> c.contains("quarkus-run.jar") || c.contains("EmbeddedKafka")).orElse(false);
    }

    private void writePids() {
        StringBuilder lines = new StringBuilder();
        running.forEach((name, process) -> lines.append(name).append(' ').append(process.pid()).append('\n'));
        try {
            Files.createDirectories(settings.pidFile().getParent());
            Files.writeString(settings.pidFile(), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("could not write " + settings.pidFile() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> recordedPids(Path pidFile) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (!Files.isRegularFile(pidFile)) {
            return pids;
        }
        try {
            for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2) {
                    pids.put(parts[0], Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new StackException("unreadable pid file " + pidFile + ": " + e.getMessage(), e);
        }
        return pids;
    }
}
