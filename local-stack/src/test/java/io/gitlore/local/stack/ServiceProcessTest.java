package io.gitlore.local.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child JVMs as the local stack starts them: a real broker comes up, a busy port and an early exit are named. */
class ServiceProcessTest {

    private static final Path JAVA = Path.of(ProcessHandle.current().info().command().orElseThrow());

    @TempDir
    Path data;

    @Test
    void aRealBrokerComesUpAsAChildJvmAndDiesWithSigkill() throws IOException {
        StackSettings settings = settings(freePort());
        try (ServiceProcess broker = ServiceProcess.start(Services.broker(settings), JAVA, data, settings.logs())) {
            broker.awaitReady();
            assertTrue(broker.isAlive());
            broker.kill();
            assertFalse(broker.isAlive());
        }
    }

    @Test
    void aBusyPortIsRefusedNamingTheServiceThePortAndHowToMoveIt() throws IOException {
        try (ServerSocket busy = new ServerSocket(0)) {
            StackSettings settings = settings(freePort(), busy.getLocalPort() - Services.port(settings(0, 0), "embedder"));
            ServiceSpec embedder = Services.all(settings).stream().filter(s -> s.name().equals("embedder"))
                    .findFirst().orElseThrow();
            StackException e = assertThrows(StackException.class,
                    () -> ServiceProcess.start(embedder, JAVA, data, data.resolve("logs")));
            assertTrue(e.getMessage().contains("embedder cannot start: port " + busy.getLocalPort()
                    + " is already in use"), e.getMessage());
            // The stage's own variable would be overwritten by the launcher: the advice names the gateway's port.
            assertTrue(e.getMessage().contains("GITLORE_GATEWAY_PORT"), e.getMessage());
        }
    }

    @Test
    void aBusyControllerPortIsRefusedBeforeTheBrokerStarts() throws IOException {
        try (ServerSocket busy = new ServerSocket(0)) {
            ServiceSpec broker = Services.broker(settings(busy.getLocalPort() - 1));
            StackException e = assertThrows(StackException.class,
                    () -> ServiceProcess.start(broker, JAVA, data, data.resolve("logs")));
            assertTrue(e.getMessage().contains("kafka cannot start: port " + busy.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("its controller the next"), e.getMessage());
        }
    }

    @Test
    void aServiceThatExitsBeforeItIsReadyIsNamedWithItsExitCodeAndLog() throws IOException {
        ServiceSpec spec = new ServiceSpec("chunker", List.of("-jar", data.resolve("missing.jar").toString()),
                Map.of(), freePort(), List.of(), "--port", ServiceSpec.Probe.HTTP_READY, Duration.ofSeconds(60));
        try (ServiceProcess process = ServiceProcess.start(spec, JAVA, data, data.resolve("logs"))) {
            StackException e = assertThrows(StackException.class, process::awaitReady);
            assertTrue(e.getMessage().startsWith("chunker exited with code 1 before it was ready"), e.getMessage());
            assertTrue(e.getMessage().contains("missing.jar"), e.getMessage()); // the log's tail says why
        }
    }

    private StackSettings settings(int kafkaPort) {
        return settings(kafkaPort, 0);
    }

    private StackSettings settings(int kafkaPort, int firstServicePort) {
        return new StackSettings(data, data, JAVA, kafkaPort, firstServicePort, "key", List.of(), Duration.ofMinutes(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
