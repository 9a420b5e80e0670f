package io.gitlore.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One part of the local stack running as a child JVM: consumes a {@link ServiceSpec}, produces a process whose
 * output goes to {@code <logs>/<name>.log}, a readiness wait that names the part and the reason when it does not
 * come up, and stop (SIGTERM, then SIGKILL) or kill (SIGKILL, for the fault tests).
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final Process process;
    private final Path log;

    private ServiceProcess(ServiceSpec spec, Process process, Path log) {
        this.spec = spec;
        this.process = process;
        this.log = log;
    }

    /** Starts the part after checking that its port is free (a busy port would otherwise hang the stack silently). */
    public static ServiceProcess start(ServiceSpec spec, Path javaCommand, Path workDir, Path logs) {
        requireFreePort(spec);
        Path log = logs.resolve(spec.name() + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaCommand.toString());
        command.addAll(spec.javaArgs());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(spec.env());
        try {
            Files.createDirectories(logs);
            Files.writeString(log, "---- " + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new ServiceProcess(spec, builder.start(), log);
        } catch (IOException e) {
            throw new StackException(spec.name() + " could not be started with " + javaCommand + ": " + e.getMessage(), e);
        }
    }

    private static void requireFreePort(ServiceSpec spec) {
        List<Integer> ports = new ArrayList<>(List.of(spec.port()));
        ports.addAll(spec.otherPorts());
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("localhost", port));
            } catch (IOException e) {
                throw new StackException(spec.name() + " cannot start: port " + port + " is already in use"
                        + " (another process holds it; free it or move the ports with " + spec.movePortsBy() + ")");
            }
        }
    }

    /** Waits until the part answers ready; fails naming the part when it exits or the timeout passes. */
    public void awaitReady() {
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException(spec.name() + " exited with code " + process.exitValue()
                        + " before it was ready; the end of " + log + ":\n" + tail(20));
            }
            String answer = probe();
            if (answer == null) {
                return;
            }
            last = answer;
            sleep(250);
        }
        throw new StackException(spec.name() + " was not ready within " + spec.startTimeout().toSeconds() + " s ("
                + last + "); the end of " + log + ":\n" + tail(20));
    }

    /** Null when ready, else why not. */
    private String probe() {
        if (spec.probe() == ServiceSpec.Probe.TCP) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", spec.port()), 500);
                return null;
            } catch (IOException e) {
                return "port " + spec.port() + " not accepting connections";
            }
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(spec.readinessUrl()))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? null
                    : "readiness " + response.statusCode() + ": " + response.body().replaceAll("\\s+", " ");
        } catch (ConnectException e) {
            return "port " + spec.port() + " not accepting connections";
        } catch (IOException e) {
            return "readiness check failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for " + spec.name(), e);
        }
    }

    /** The last lines of the part's log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public ServiceSpec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL, as a crash would: nothing in the process gets to run. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM so the service leaves its consumer groups cleanly; SIGKILL after the grace period. */
    public void stop(Duration grace) {
        Processes.stop(process.toHandle(), grace);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(20));
    }

    private void waitFor(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
