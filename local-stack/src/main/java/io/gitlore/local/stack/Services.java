package io.gitlore.local.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parts of the local stack and how each is started: consumes {@link StackSettings}, produces one
 * {@link ServiceSpec} per part (the broker, the gateway, then the stages in pipeline order), each on its own port.
 */
public final class Services {

    public static final String KAFKA = "kafka";
    public static final String GATEWAY = "gateway";
    /** The stage services in pipeline order, each with its port offset from the gateway's port. */
    public static final List<String> STAGES = List.of("scraper", "chunker", "tokenizer", "embedder", "trainer");

    /** Lucene's SIMD scoring needs the incubator module; tree-sitter, DJL and Lucene use native access. */
    static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--add-modules", "jdk.incubator.vector");

    private static final Duration BROKER_START = Duration.ofSeconds(90);
    // The first start of a DJL service unpacks its natives; on 2 busy cores that takes minutes, not seconds.
    private static final Duration SERVICE_START = Duration.ofMinutes(4);

    private Services() {
    }

    /** Every part in start order: the broker first, the gateway next (so a job is checked at once), the stages. */
    public static List<ServiceSpec> all(StackSettings s) {
        List<ServiceSpec> specs = new ArrayList<>();
        specs.add(broker(s));
        specs.add(service(s, GATEWAY, 0, Map.of(
                "GITLORE_GATEWAY_API_KEY", s.apiKey(),
                "GITLORE_GATEWAY_ALLOWED_ROOTS", roots(s),
                "GITLORE_EMBEDDER_URL", "http://localhost:" + port(s, "embedder"),
                "GITLORE_TRAINER_URL", "http://localhost:" + port(s, "trainer"))));
        specs.add(service(s, "scraper", 1, Map.of("GITLORE_SCRAPER_ALLOWED_ROOTS", roots(s))));
        specs.add(service(s, "chunker", 2, Map.of()));
        specs.add(service(s, "tokenizer", 3, Map.of()));
        specs.add(service(s, "embedder", 4, Map.of()));
        specs.add(service(s, "trainer", 5, Map.of("GITLORE_TRAINER_MAX_DURATION", s.trainingBudget().toString())));
        return specs;
    }

    public static int port(StackSettings s, String name) {
        return name.equals(GATEWAY) ? s.firstServicePort() : s.firstServicePort() + 1 + STAGES.indexOf(name);
    }

    static ServiceSpec broker(StackSettings s) {
        List<String> args = new ArrayList<>(JVM_FLAGS);
        args.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gitlore.local.kafka.EmbeddedKafka",
                String.valueOf(s.kafkaPort()), String.valueOf(s.kafkaPort() + 1),
                s.dataDir().resolve("kafka").toString()));
        return new ServiceSpec(KAFKA, args, Map.of(), s.kafkaPort(), List.of(s.kafkaPort() + 1),
                "--kafka-port or GITLORE_KAFKA_PORT: the broker takes that port, its controller the next",
                ServiceSpec.Probe.TCP, BROKER_START);
    }

    private static ServiceSpec service(StackSettings s, String name, int offset, Map<String, String> own) {
        String module = name.equals(GATEWAY) ? "gateway" : name + "-service";
        String portVariable = "GITLORE_" + name.toUpperCase() + "_PORT";
        List<String> args = new ArrayList<>(JVM_FLAGS);
        if (List.of("tokenizer", "embedder", "trainer").contains(name)) {
            // Natives come from the Maven Central jars, unpacked once under the shared data directory.
            args.add("-Dai.djl.offline=true");
            args.add("-DDJL_CACHE_DIR=" + s.dataDir().resolve("djl-cache"));
        }
        if (name.equals("trainer")) {
            args.add("-Djava.awt.headless=true"); // the loss chart is drawn without a display
        }
        Path jar = s.projectRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        args.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = new LinkedHashMap<>(own);
        env.put("KAFKA_BOOTSTRAP_SERVERS", s.bootstrap());
        env.put("GITLORE_DATA_DIR", s.dataDir().toString());
        env.put(portVariable, String.valueOf(s.firstServicePort() + offset));
        // The stages' ports follow the gateway's, so the gateway's port is the one a user moves.
        return new ServiceSpec(name, args, env, s.firstServicePort() + offset, List.of(),
                "--port or GITLORE_GATEWAY_PORT: the gateway takes that port, the stages the " + STAGES.size()
                        + " after it", ServiceSpec.Probe.HTTP_READY, SERVICE_START);
    }

    private static String roots(StackSettings s) {
        return s.allowedRoots().stream().map(Path::toString).collect(Collectors.joining(","));
    }

    /** The built service jars that are missing, so the command can say what to build. */
    public static List<Path> missingJars(Path projectRoot) {
        List<Path> missing = new ArrayList<>();
        for (String module : List.of("gateway", "scraper-service", "chunker-service", "tokenizer-service",
                "embedder-service", "trainer-service")) {
            Path jar = projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!jar.toFile().isFile()) {
                missing.add(jar);
            }
        }
        return missing;
    }
}
