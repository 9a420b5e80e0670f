package io.gitlore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * A rendered overlay as typed objects (every one parsed strictly), with the look-ups and cross-object checks the
 * Kubernetes test needs: which object a name refers to, a container's effective environment, and whether every
 * reference (ConfigMap, Secret, claim, Service selector, target port) lands on something.
 */
record Stack(List<HasMetadata> objects) {

    static Stack render(Path overlay) {
        return new Stack(KubernetesManifestTest.typed(Kustomize.render(overlay)));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T only(Class<T> type) {
        List<T> found = all(type);
        assertEquals(1, found.size(), type.getSimpleName() + " objects");
        return found.get(0);
    }

    private <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /** Deployments by name, in file order. */
    Map<String, Deployment> deployments() {
        Map<String, Deployment> byName = new LinkedHashMap<>();
        all(Deployment.class).forEach(d -> byName.put(d.getMetadata().getName(), d));
        return byName;
    }

    Service service(String name) {
        return named(Service.class, name);
    }

    StatefulSet statefulSet(String name) {
        return named(StatefulSet.class, name);
    }

    PersistentVolumeClaim claim(String name) {
        return named(PersistentVolumeClaim.class, name);
    }

    /** The first container's variables: its ConfigMaps (envFrom) first, then its own env, as Kubernetes applies them. */
    Map<String, String> environment(Deployment deployment) {
        Map<String, String> env = new TreeMap<>();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (EnvFromSource from : list(container.getEnvFrom())) {
            env.putAll(named(ConfigMap.class, from.getConfigMapRef().getName()).getData());
        }
        for (EnvVar var : list(container.getEnv())) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "<from " + var.getValueFrom() + ">");
        }
        return env;
    }

    /** Every ConfigMap, Secret and claim a pod names exists; only {@code external} may come from outside. */
    void checkReferences(Secret external) {
        for (PodTemplateSpec template : templates()) {
            String pod = template.getMetadata().getLabels().get("app.kubernetes.io/name");
            for (Container container : template.getSpec().getContainers()) {
                for (EnvFromSource from : list(container.getEnvFrom())) {
                    named(ConfigMap.class, from.getConfigMapRef().getName());
                }
                for (EnvVar var : list(container.getEnv())) {
                    if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                        var ref = var.getValueFrom().getSecretKeyRef();
                        boolean inStack = all(Secret.class).stream()
                                .anyMatch(s -> s.getMetadata().getName().equals(ref.getName()));
                        assertTrue(inStack || ref.getName().equals(external.getMetadata().getName())
                                && external.getStringData().containsKey(ref.getKey()), pod + " reads " + ref);
                    }
                }
            }
            for (Volume volume : list(template.getSpec().getVolumes())) {
                if (volume.getPersistentVolumeClaim() != null) {
                    claim(volume.getPersistentVolumeClaim().getClaimName());
                }
                if (volume.getConfigMap() != null) {
                    named(ConfigMap.class, volume.getConfigMap().getName());
                }
            }
        }
        all(StatefulSet.class).forEach(s -> service(s.getSpec().getServiceName()));
    }

    /** Each Service selects the pods of exactly one workload, and its target ports are ports those pods name. */
    void checkServicesSelectOneWorkload() {
        for (Service service : all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            List<PodTemplateSpec> selected = templates().stream()
                    .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
            assertEquals(1, selected.size(), "Service " + service.getMetadata().getName() + " selects "
                    + selected.size() + " workloads");
            for (ServicePort port : service.getSpec().getPorts()) {
                String target = port.getTargetPort().getStrVal();
                assertTrue(selected.get(0).getSpec().getContainers().stream()
                        .flatMap(c -> list(c.getPorts()).stream()).anyMatch(p -> target.equals(p.getName())),
                        service.getMetadata().getName() + " targets port " + target + ", which no container names");
            }
        }
    }

    private List<PodTemplateSpec> templates() {
        List<PodTemplateSpec> templates = new java.util.ArrayList<>();
        all(Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        all(StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
        return templates;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
