package io.gitlore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;

/**
 * Parses every file under deploy/k8s strictly into typed models, renders the cpu and gpu overlays and checks the
 * result as a cluster would need it: references that resolve, probes, resources, non-root pods, env names that the
 * service reads, addresses that reach a Service, Kafka in KRaft through Strimzi, and the trainer's GPU.
 */
class KubernetesManifestTest {

    private static final Path K8S = Repository.path("deploy/k8s");
    private static final ObjectMapper YAML = new YAMLMapper();

    @Test
    void everyManifestParsesStrictlyIntoItsTypedModel() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
        int parsed = 0;
        for (Path file : files) {
            for (JsonNode document : Repository.yamlDocuments(file)) {
                KubernetesModels.parse(document);
                parsed++;
            }
        }
        assertTrue(parsed >= 20, "parsed " + parsed + " manifests in " + files.size() + " files");
    }

    @Test
    void strictParsingRejectsAMisspelledField() throws IOException {
        JsonNode deployment = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """);
        AssertionError error = assertThrows(AssertionError.class, () -> KubernetesModels.parse(deployment));
        assertTrue(error.getMessage().contains("readinesProbe"), error.getMessage());
        JsonNode kafka = YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: x}
                spec: {kafka: {listener: [{name: plain, port: 9092, type: internal, tls: false}]}}
                """);
        assertThrows(AssertionError.class, () -> KubernetesModels.parse(kafka));
    }

    @Test
    void generatedConfigMapNamesAreKustomizes() {
        // Reference names printed by kustomize 5.5.0 (kubectl 1.32) for these two generators.
        assertEquals("9hd2549h6m", Kustomize.hash(Kustomize.configMap(
                new Kustomize.Generator("example", List.of("B=http://x:1/?a&b<c>", "A=1")))));
        assertEquals("6ct58987ht", Kustomize.hash(Kustomize.configMap(new Kustomize.Generator("empty", null))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void overlaysRenderIntoACompleteStack(String overlay) {
        Stack stack = Stack.render(K8S.resolve("overlays").resolve(overlay));
        stack.objects().forEach(o -> assertTrue(o instanceof io.fabric8.kubernetes.api.model.Namespace
                || "gitlore".equals(o.getMetadata().getNamespace()), o.getKind() + " " + o.getMetadata().getName()));
        assertEquals(Services.modules(), stack.deployments().keySet(), "a Deployment per service");
        stack.deployments().keySet().forEach(name -> stack.service(name));
        stack.statefulSet("qdrant");
        stack.service("qdrant");
        assertEquals(List.of("ReadWriteMany"), stack.claim("gitlore-data").getSpec().getAccessModes(),
                "every stage reads and writes the data directory, on any node");
        assertEquals(List.of("ReadOnlyMany"), stack.claim("gitlore-repos").getSpec().getAccessModes());
        stack.checkReferences(externalSecret());
        stack.checkServicesSelectOneWorkload();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyServiceIsProbedBoundedAndUnprivileged(String overlay) {
        Stack stack = Stack.render(K8S.resolve("overlays").resolve(overlay));
        stack.deployments().forEach((name, deployment) -> {
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name);
            assertEquals(10001L, pod.getSecurityContext().getRunAsUser(), name + ": the images' uid");
            Container container = pod.getContainers().get(0);
            assertEquals(name, container.getName());
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath(), name);
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath(), name);
            assertEquals("http", container.getReadinessProbe().getHttpGet().getPort().getStrVal(), name);
            assertEquals(Services.HTTP_PORT, container.getPorts().get(0).getContainerPort(), name);
            for (Map<String, Quantity> bounds : List.of(container.getResources().getRequests(),
                    container.getResources().getLimits())) {
                assertTrue(bounds.containsKey("cpu") && bounds.containsKey("memory"), name + ": " + bounds);
            }
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), name);
            assertTrue(container.getImage().matches("gitlore/" + name + "(-gpu)?:[0-9][A-Za-z0-9._-]*"),
                    name + " runs " + container.getImage());
        });
        stack.statefulSet("qdrant").getSpec().getTemplate().getSpec().getContainers().forEach(c -> {
            assertTrue(c.getReadinessProbe() != null && c.getLivenessProbe() != null && c.getResources() != null);
        });
        assertFalse(stack.statefulSet("qdrant").getSpec().getVolumeClaimTemplates().isEmpty(), "Qdrant persists");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyVariableIsAConfigurationNameOfItsServiceAndEveryAddressResolves(String overlay) {
        Stack stack = Stack.render(K8S.resolve("overlays").resolve(overlay));
        Kafka kafka = stack.only(Kafka.class);
        var listener = kafka.getSpec().getKafka().getListeners().get(0);
        assertFalse(listener.isTls());
        String bootstrap = kafka.getMetadata().getName() + "-kafka-bootstrap:" + listener.getPort();
        stack.deployments().forEach((name, deployment) -> {
            Map<String, String> env = stack.environment(deployment);
            List<String> unknown = new ArrayList<>(env.keySet());
            unknown.removeAll(Services.envNames(name));
            assertTrue(unknown.isEmpty(), name + " gets variables it never reads: " + unknown);
            assertEquals(bootstrap, env.get("KAFKA_BOOTSTRAP_SERVERS"), name + ": Strimzi's bootstrap Service");
            assertEquals("/data", env.get("GITLORE_DATA_DIR"), name);
            env.forEach((key, value) -> {
                if (key.endsWith("_URL")) {
                    URI uri = URI.create(value);
                    assertTrue(stack.service(uri.getHost()).getSpec().getPorts().stream()
                            .anyMatch(p -> p.getPort() == uri.getPort()), name + ": " + key + "=" + value);
                }
            });
        });
        assertEquals("http://qdrant:6334", stack.environment(stack.deployments().get("embedder-service"))
                .get("QDRANT_URL"), "the embedder talks gRPC to Qdrant");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void kafkaRunsInKraftModeThroughStrimzi(String overlay) {
        Stack stack = Stack.render(K8S.resolve("overlays").resolve(overlay));
        Kafka kafka = stack.only(Kafka.class);
        var pool = stack.only(io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class);
        assertEquals(kafka.getMetadata().getName(), pool.getMetadata().getLabels().get("strimzi.io/cluster"));
        // The typed model reports its own storage version; the manifests' kafka.strimzi.io/v1 is checked on parsing.
        assertEquals(List.of("controller", "broker"), pool.getSpec().getRoles().stream()
                .map(role -> role.toValue()).toList(), "KRaft: the pool's nodes are controllers and brokers");
    }

    @Test
    void theGpuOverlayPutsTheTrainerOnAGpuNodeAndTheCpuOverlayAsksForNone() {
        Deployment gpu = Stack.render(K8S.resolve("overlays/gpu")).deployments().get("trainer-service");
        var pod = gpu.getSpec().getTemplate().getSpec();
        Container trainer = pod.getContainers().get(0);
        assertEquals(new Quantity("1"), trainer.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals("true", pod.getNodeSelector().get("nvidia.com/gpu.present"));
        assertTrue(pod.getTolerations().stream().anyMatch(t -> "nvidia.com/gpu".equals(t.getKey())
                && "NoSchedule".equals(t.getEffect())));
        assertTrue(trainer.getImage().startsWith("gitlore/trainer-service-gpu:"), trainer.getImage());
        assertTrue(trainer.getEnv().stream().anyMatch(e -> e.getName().equals("GITLORE_TRAINER_DEVICE")
                && e.getValue().equals("gpu")));
        assertEquals("Recreate", gpu.getSpec().getStrategy().getType(), "one GPU cannot serve two pods at once");
        Stack cpu = Stack.render(K8S.resolve("overlays/cpu"));
        cpu.deployments().forEach((name, deployment) -> {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertFalse(container.getResources().getLimits().containsKey("nvidia.com/gpu"), name);
            assertFalse(container.getImage().contains("-gpu"), name);
        });
    }

    /** The gateway's key Secret is created outside the kustomization; its example fixes the name and key. */
    private static Secret externalSecret() {
        return KubernetesModels.parse(Repository.yaml(K8S.resolve("gateway-api-key.example.yaml")), Secret.class);
    }

    static List<HasMetadata> typed(List<? extends JsonNode> manifests) {
        return manifests.stream().map(KubernetesModels::parse).toList();
    }
}
