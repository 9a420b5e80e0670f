package io.gitlore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads docker-compose.yml (and its GPU and native overrides) as compose does and checks what no Docker engine here
 * can run: every service's build or image, each env var against the configuration names of the service that gets
 * it, that only the gateway is published, volumes, health checks and that every dependency waits for health.
 */
class DockerComposeTest {

    private static final Path GPU = Repository.path("deploy/docker/compose.gpu.yml");
    private static final Path NATIVE = Repository.path("deploy/docker/compose.native.yml");

    private final Compose compose = Compose.load();

    @Test
    void everyGitloreServiceIsInTheStackOnce() {
        assertEquals(Services.modules(), new TreeSet<>(compose.gitloreServices().values()));
        compose.gitloreServices().forEach((service, module) -> assertEquals(module, service,
                "the compose service is named after its module, so its host name is the module's"));
        assertTrue(compose.services().keySet().containsAll(List.of("kafka", "qdrant")));
    }

    @Test
    void everyServiceIsBuiltFromAModuleOrRunsAPinnedImage() {
        for (Compose c : List.of(compose, Compose.load(GPU), Compose.load(NATIVE))) {
            c.services().forEach((name, service) -> {
                JsonNode build = service.path("build");
                String image = service.path("image").asText("");
                if (build.isMissingNode()) {
                    assertTrue(image.matches("[a-z0-9./-]+:[A-Za-z0-9._-]+") && !image.endsWith(":latest"),
                            name + " runs an image with a fixed tag: " + image);
                    return;
                }
                assertEquals(".", build.path("context").asText(), name + " builds from the repository root");
                Path dockerfile = Repository.path(build.path("dockerfile").asText());
                assertTrue(Files.isRegularFile(dockerfile), name + ": no " + dockerfile);
                String module = c.module(name).orElseThrow(() -> new AssertionError(name + " has no MODULE arg"));
                assertTrue(Repository.modules().contains(module), module + " is not a module of the parent POM");
                List<String> admitted = Dockerfile.parse(dockerfile).admittedModules();
                assertTrue(admitted.isEmpty() || admitted.contains(module),
                        dockerfile.getFileName() + " does not build " + module + ", only " + admitted);
                assertTrue(image.startsWith("gitlore/" + module) && image.matches(".+:[0-9][A-Za-z0-9._-]*"),
                        name + " tags its image gitlore/" + module + "...:<version>, not " + image);
            });
        }
    }

    @Test
    void everyEnvironmentVariableIsAConfigurationNameOfItsService() {
        for (Compose c : List.of(compose, Compose.load(GPU), Compose.load(NATIVE))) {
            c.gitloreServices().forEach((service, module) -> {
                Set<String> unknown = new TreeSet<>(c.environment(service).keySet());
                unknown.removeAll(Services.envNames(module));
                assertTrue(unknown.isEmpty(), service + " gets variables it never reads: " + unknown
                        + " (its names: docs/configuration.md)");
            });
        }
    }

    @Test
    void addressesNameAServiceAndAPortItListensOn() {
        compose.gitloreServices().forEach((service, module) -> compose.environment(service).forEach((name, value) -> {
            if (name.equals("KAFKA_BOOTSTRAP_SERVERS")) {
                assertEquals("kafka:9092", value, service);
                assertTrue(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").contains("//kafka:9092"));
            } else if (name.endsWith("_URL")) {
                URI uri = URI.create(value);
                assertTrue(compose.services().containsKey(uri.getHost()), service + ": " + name + " names no service");
                int expected = uri.getHost().equals("qdrant") ? 6334 : Services.HTTP_PORT; // Qdrant's gRPC port
                assertEquals(expected, uri.getPort(), service + ": " + name);
                assertTrue(dependsOn(service).contains(uri.getHost()), service + " must wait for " + uri.getHost());
            }
        }));
    }

    @Test
    void onlyTheGatewayIsPublished() {
        List<String> published = new ArrayList<>();
        compose.services().forEach((name, service) -> {
            if (service.has("ports")) {
                published.add(name);
            }
            assertFalse(service.path("network_mode").asText("").equals("host"), name + " uses the host network");
        });
        assertEquals(List.of("gateway"), published);
        List<String> ports = new ArrayList<>();
        compose.service("gateway").path("ports").forEach(p -> ports.add(p.asText()));
        assertEquals(1, ports.size());
        assertTrue(ports.get(0).endsWith(":" + Services.HTTP_PORT), "the gateway's container port: " + ports);
        assertTrue(ports.get(0).startsWith("${GITLORE_GATEWAY_BIND:-127.0.0.1}:"),
                "published on loopback unless the operator opens it: " + ports);
    }

    @Test
    void theGatewayWillNotStartWithoutAnApiKey() {
        String key = compose.environment("gateway").get("GITLORE_GATEWAY_API_KEY");
        assertTrue(key != null && key.startsWith("${GITLORE_API_KEY:?"), "compose must refuse to start without "
                + "GITLORE_API_KEY: " + key);
        assertFalse(compose.environment("gateway").containsKey("GITLORE_GATEWAY_INSECURE_DEV"));
    }

    @Test
    void dataLivesOnNamedVolumesAndRepositoriesAreReadOnly() {
        Set<String> declared = new HashSet<>();
        compose.volumes().fieldNames().forEachRemaining(declared::add);
        compose.services().keySet().forEach(name -> compose.mounts(name).stream()
                .filter(m -> !m.source().startsWith("$") && !m.source().startsWith(".") && !m.source().startsWith("/"))
                .forEach(m -> assertTrue(declared.contains(m.source()), name + " mounts undeclared " + m.source())));
        compose.gitloreServices().forEach((service, module) -> {
            assertTrue(compose.mounts(service).contains(new Compose.Mount("gitlore-data", "/data", false)), service);
            assertEquals("/data", compose.environment(service).get("GITLORE_DATA_DIR"), service);
            compose.environment(service).entrySet().stream().filter(e -> e.getKey().endsWith("_ALLOWED_ROOTS"))
                    .forEach(roots -> assertTrue(compose.mounts(service).stream().anyMatch(m ->
                            m.target().equals(roots.getValue()) && m.readOnly()), service + " reads repositories at "
                            + roots.getValue() + ", which must be mounted there read-only"));
        });
        assertTrue(compose.mounts("kafka").contains(new Compose.Mount("kafka-data",
                compose.environment("kafka").get("KAFKA_LOG_DIRS"), false)), "Kafka's log dirs are on its volume");
        assertTrue(compose.mounts("qdrant").contains(new Compose.Mount("qdrant-data", "/qdrant/storage", false)));
    }

    @Test
    void everyServiceHasAHealthCheckOnItsReadiness() {
        compose.services().keySet().forEach(name -> assertFalse(compose.healthcheck(name).isBlank(), name));
        String ready = "curl -fsS http://localhost:" + Services.HTTP_PORT + "/q/health/ready";
        compose.gitloreServices().keySet().forEach(name -> assertEquals(ready, compose.healthcheck(name), name));
        assertTrue(compose.healthcheck("qdrant").contains("/dev/tcp/127.0.0.1/6333")
                && compose.healthcheck("qdrant").contains("GET /readyz"), "Qdrant's image has no curl");
    }

    @Test
    void everyDependencyWaitsUntilHealthy() {
        compose.services().forEach((name, service) -> service.path("depends_on").fields().forEachRemaining(d -> {
            assertEquals("service_healthy", d.getValue().path("condition").asText(), name + " -> " + d.getKey());
            assertFalse(compose.healthcheck(d.getKey()).isBlank(), d.getKey() + " has no health check to wait on");
        }));
        compose.gitloreServices().keySet().forEach(name -> assertTrue(dependsOn(name).contains("kafka"), name));
        assertTrue(dependsOn("gateway").containsAll(compose.gitloreServices().keySet().stream()
                .filter(s -> !s.equals("gateway")).toList()), "the API opens when every stage is ready");
        compose.services().keySet().forEach(name -> assertFalse(reaches(name, name, new HashSet<>()), name
                + " depends on itself"));
    }

    @Test
    void theGpuOverrideGivesTheTrainerAndTheEmbedderTheGpuAndTheBaseRunsOnCpu() {
        Compose gpu = Compose.load(GPU);
        for (String service : List.of("trainer-service", "embedder-service")) {
            JsonNode devices = gpu.service(service).path("deploy").path("resources").path("reservations")
                    .path("devices");
            assertEquals(1, devices.size(), service);
            assertEquals("nvidia", devices.get(0).path("driver").asText(), service);
            assertTrue(devices.get(0).path("capabilities").toString().contains("\"gpu\""), service);
            assertEquals("deploy/docker/Dockerfile.gpu", gpu.service(service).path("build").path("dockerfile")
                    .asText(), service + " is built with the -Dgpu profile");
            assertTrue(compose.service(service).path("deploy").isMissingNode(), service + " needs no GPU by default");
            assertEquals("deploy/docker/Dockerfile.service", compose.service(service).path("build")
                    .path("dockerfile").asText(), service + " runs on the CPU image by default");
        }
        assertEquals("gpu", gpu.environment("trainer-service").get("GITLORE_TRAINER_DEVICE"));
        assertEquals("gpu", gpu.environment("embedder-service").get("GITLORE_EMBEDDER_DEVICE"));
        assertEquals(compose.services().keySet(), gpu.services().keySet(), "the override adds no service");
    }

    @Test
    void theNativeOverrideBuildsTheGatewayAndTheScraperNatively() {
        Compose nativeImages = Compose.load(NATIVE);
        List<String> natives = new ArrayList<>();
        nativeImages.services().forEach((name, service) -> {
            if (service.path("build").path("dockerfile").asText().endsWith("Dockerfile.native")) {
                natives.add(name);
            }
        });
        assertEquals(List.of("scraper-service", "gateway"), natives);
        assertEquals(compose.services().keySet(), nativeImages.services().keySet());
    }

    private Set<String> dependsOn(String service) {
        Set<String> targets = new TreeSet<>();
        compose.service(service).path("depends_on").fieldNames().forEachRemaining(targets::add);
        return targets;
    }

    private boolean reaches(String from, String target, Set<String> seen) {
        for (String next : dependsOn(from)) {
            if (next.equals(target) || seen.add(next) && reaches(next, target, seen)) {
                return true;
            }
        }
        return false;
    }
}
