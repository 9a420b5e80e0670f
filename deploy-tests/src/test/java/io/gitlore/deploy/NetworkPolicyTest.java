package io.gitlore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered overlays' network policies, evaluated against the rendered workloads' pod labels as a cluster would:
 * the stages (which take no API key) and Qdrant are reachable only from the pods that need them.
 */
class NetworkPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void onlyTheGatewayReachesTheStagesAndOnlyTheEmbedderReachesQdrant(String overlay) {
        Stack stack = Stack.render(Repository.path("deploy/k8s/overlays").resolve(overlay));
        Map<String, PodTemplateSpec> pods = new java.util.TreeMap<>();
        stack.deployments().forEach((name, d) -> pods.put(name, d.getSpec().getTemplate()));
        pods.put("qdrant", stack.statefulSet("qdrant").getSpec().getTemplate());

        NetworkPolicy stages = policy(stack, "stages-from-the-gateway");
        Set<String> guarded = selected(stages.getSpec().getPodSelector(), pods);
        Set<String> expected = new TreeSet<>(Services.modules());
        expected.remove("gateway");
        assertEquals(expected, guarded, "every stage, and not the gateway, is guarded");
        NetworkPolicyIngressRule fromGateway = onlyRule(stages);
        assertEquals(Set.of("gateway"), selected(fromGateway.getFrom().get(0).getPodSelector(), pods));
        for (String stage : guarded) {
            for (NetworkPolicyPort port : fromGateway.getPorts()) {
                assertTrue(serves(pods.get(stage), port), stage + " serves " + port.getPort());
            }
        }

        NetworkPolicy qdrant = policy(stack, "qdrant-from-the-embedder");
        assertEquals(Set.of("qdrant"), selected(qdrant.getSpec().getPodSelector(), pods));
        NetworkPolicyIngressRule fromEmbedder = onlyRule(qdrant);
        assertEquals(Set.of("embedder-service"), selected(fromEmbedder.getFrom().get(0).getPodSelector(), pods));
        for (NetworkPolicyPort port : fromEmbedder.getPorts()) {
            assertTrue(serves(pods.get("qdrant"), port), "qdrant serves " + port.getPort());
        }
    }

    private static NetworkPolicy policy(Stack stack, String name) {
        return stack.objects().stream().filter(o -> o instanceof NetworkPolicy && name.equals(o.getMetadata()
                .getName())).map(NetworkPolicy.class::cast).findFirst().orElseThrow(() -> new AssertionError(
                "no NetworkPolicy " + name));
    }

    private static NetworkPolicyIngressRule onlyRule(NetworkPolicy policy) {
        assertEquals(java.util.List.of("Ingress"), policy.getSpec().getPolicyTypes());
        assertEquals(1, policy.getSpec().getIngress().size(), policy.getMetadata().getName());
        NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
        assertEquals(1, rule.getFrom().size(), "one peer");
        return rule;
    }

    /** The workloads whose pod labels the selector matches (matchLabels and the In, NotIn, Exists operators). */
    private static Set<String> selected(LabelSelector selector, Map<String, PodTemplateSpec> pods) {
        Set<String> out = new TreeSet<>();
        pods.forEach((name, pod) -> {
            Map<String, String> labels = pod.getMetadata().getLabels();
            boolean match = selector.getMatchLabels() == null || selector.getMatchLabels().entrySet().stream()
                    .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                match &= switch (r.getOperator()) {
                    case "In" -> r.getValues().contains(value);
                    case "NotIn" -> !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown operator " + r.getOperator());
                };
            }
            if (match) {
                out.add(name);
            }
        });
        return out;
    }

    /** A port by number, or by the name of one of the pod's container ports. */
    private static boolean serves(PodTemplateSpec pod, NetworkPolicyPort port) {
        return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream()).anyMatch((ContainerPort p) ->
                port.getPort().getIntVal() != null ? port.getPort().getIntVal().equals(p.getContainerPort())
                        : port.getPort().getStrVal().equals(p.getName()));
    }
}
