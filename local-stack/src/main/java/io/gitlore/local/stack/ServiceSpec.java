package io.gitlore.local.stack;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start one part of the local stack as a child JVM: its name, the arguments after {@code java}, its
 * environment, the port it serves on, the variable that moves that port, how readiness is probed, and how long it
 * may take to become ready.
 */
public record ServiceSpec(String name, List<String> javaArgs, Map<String, String> env, int port, String portVariable,
                          Probe probe, Duration startTimeout) {

    /** How a part shows it is ready: a Quarkus service by its readiness check, the broker by accepting connections. */
    public enum Probe { HTTP_READY, TCP }

    public ServiceSpec {
        javaArgs = List.copyOf(javaArgs);
        env = Map.copyOf(env);
    }

    /** The same part with {@code more} added to its environment (it wins over what the spec set). */
    public ServiceSpec withEnv(Map<String, String> more) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(env);
        merged.putAll(more);
        return new ServiceSpec(name, javaArgs, merged, port, portVariable, probe, startTimeout);
    }

    public String readinessUrl() {
        return "http://localhost:" + port + "/q/health/ready";
    }
}
