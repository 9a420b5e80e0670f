package io.gitlore.local.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start one part of the local stack as a child JVM: its name, the arguments after {@code java}, its
 * environment, the port it serves on and any other port it binds (the broker's controller), how a user moves them
 * (an option or variable, said when a port is taken), how readiness is probed, and how long it may take.
 */
public record ServiceSpec(String name, List<String> javaArgs, Map<String, String> env, int port,
                          List<Integer> otherPorts, String movePortsBy, Probe probe, Duration startTimeout) {

    /** How a part shows it is ready: a Quarkus service by its readiness check, the broker by accepting connections. */
    public enum Probe { HTTP_READY, TCP }

    public ServiceSpec {
        javaArgs = List.copyOf(javaArgs);
        env = Map.copyOf(env);
        otherPorts = List.copyOf(otherPorts);
    }

    /** The same part with {@code more} added to its environment (it wins over what the spec set). */
    public ServiceSpec withEnv(Map<String, String> more) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(env);
        merged.putAll(more);
        return new ServiceSpec(name, javaArgs, merged, port, otherPorts, movePortsBy, probe, startTimeout);
    }

    public String readinessUrl() {
        return "http://localhost:" + port + "/q/health/ready";
    }
}
