package io.gitlore.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization directory into the manifests {@code kubectl kustomize} would give, for the subset of
 * kustomize gitlore's overlays use: {@code resources} (files and directories), {@code configMapGenerator} with
 * literals (kustomize's content-hash suffix, references updated), strategic-merge {@code patches}, {@code namespace}
 * and {@code images}. Any other field of a kustomization fails the parse, so a new feature cannot pass unchecked.
 * No kustomize exists on Maven Central (or on every CI machine), hence this; its output was compared with kustomize
 * 5.5.0's on these overlays (same objects, same generated names).
 */
final class Kustomize {

    record Kustomization(String apiVersion, String kind, String namespace, List<String> resources,
                         List<Generator> configMapGenerator, List<Image> images, List<Patch> patches) {
    }

    record Generator(String name, List<String> literals) {
    }

    record Image(String name, String newName, String newTag) {
    }

    record Patch(String path) {
    }

    /** Strategic-merge keys of the Kubernetes API's lists that gitlore's patches reach; other lists are replaced. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "env", "name", "volumes", "name",
            "volumeMounts", "mountPath", "ports", "containerPort");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "PersistentVolume", "StorageClass",
            "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

    /** Sorted keys, like Go's json.Marshal, which kustomize hashes. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Kustomize() {
    }

    static List<ObjectNode> render(Path dir) {
        Kustomization k;
        try {
            k = KubernetesModels.STRICT.treeToValue(Repository.yaml(dir.resolve("kustomization.yaml")),
                    Kustomization.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(dir + "/kustomization.yaml uses what this renderer does not implement: "
                    + e.getOriginalMessage(), e);
        }
        if (!"kustomize.config.k8s.io/v1beta1".equals(k.apiVersion()) || !"Kustomization".equals(k.kind())) {
            throw new AssertionError(dir + ": not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (String resource : list(k.resources())) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(render(path));
            } else {
                Repository.yamlDocuments(path).forEach(document -> resources.add((ObjectNode) document));
            }
        }
        Map<String, String> generated = new HashMap<>();
        for (Generator generator : list(k.configMapGenerator())) {
            ObjectNode configMap = configMap(generator);
            String name = generator.name() + "-" + hash(configMap);
            configMap.with("metadata").put("name", name);
            generated.put(generator.name(), name);
            resources.add(configMap);
        }
        for (Patch patch : list(k.patches())) {
            JsonNode body = Repository.yaml(dir.resolve(patch.path()));
            merge(target(resources, body, patch.path()), body, patch.path());
        }
        if (k.namespace() != null) {
            for (ObjectNode resource : resources) {
                if (!CLUSTER_SCOPED.contains(resource.path("kind").asText())) {
                    resource.with("metadata").put("namespace", k.namespace());
                } else if (!resource.path("metadata").path("name").asText().equals(k.namespace())) {
                    throw new AssertionError("kustomize would rename Namespace " + resource.path("metadata")
                            .path("name") + " to " + k.namespace() + "; not implemented here");
                }
            }
        }
        for (ObjectNode resource : resources) {
            for (JsonNode container : containers(resource)) {
                list(k.images()).forEach(image -> setImage((ObjectNode) container, image));
                renameConfigMaps(container, generated);
            }
            for (JsonNode volume : resource.path("spec").path("template").path("spec").path("volumes")) {
                rename(volume.path("configMap"), generated);
            }
        }
        return resources;
    }

    /**
     * Kustomize's name suffix: the first 10 hex digits of SHA-256 over the JSON of {data, kind, name}, some digits
     * remapped. Its hasher looks the name up as one path segment "metadata/name", finds nothing and hashes "" (so
     * does kustomize 5.5), and an absent data map as "".
     */
    static String hash(ObjectNode configMap) {
        Map<String, Object> encoded = new TreeMap<>();
        encoded.put("kind", "ConfigMap");
        encoded.put("name", "");
        JsonNode data = configMap.path("data");
        encoded.put("data", data.isEmpty() ? "" : CANONICAL.convertValue(data, Map.class));
        try {
            // Go's json.Marshal escapes <, > and & in strings; Jackson does not.
            String json = CANONICAL.writeValueAsString(encoded).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            char[] suffix = HexFormat.of().formatHex(digest).substring(0, 10).toCharArray();
            for (int i = 0; i < suffix.length; i++) {
                suffix[i] = switch (suffix[i]) {
                    case '0' -> 'g';
                    case '1' -> 'h';
                    case '3' -> 'k';
                    case 'a' -> 'm';
                    case 'e' -> 't';
                    default -> suffix[i];
                };
            }
            return new String(suffix);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode configMap(Generator generator) {
        ObjectNode configMap = JsonNodeFactory.instance.objectNode();
        configMap.put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", generator.name());
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (String literal : list(generator.literals())) {
            String[] keyValue = literal.split("=", 2);
            if (keyValue.length != 2 || data.has(keyValue[0])) {
                throw new AssertionError(generator.name() + ": bad or repeated literal " + literal);
            }
            data.put(keyValue[0], keyValue[1]);
        }
        if (!data.isEmpty()) {
            configMap.set("data", data);
        }
        return configMap;
    }

    private static ObjectNode target(List<ObjectNode> resources, JsonNode patch, String where) {
        List<ObjectNode> matches = resources.stream()
                .filter(r -> r.path("kind").equals(patch.path("kind"))
                        && r.path("apiVersion").equals(patch.path("apiVersion"))
                        && r.path("metadata").path("name").equals(patch.path("metadata").path("name")))
                .toList();
        if (matches.size() != 1) {
            throw new AssertionError(where + " matches " + matches.size() + " resources, expected one");
        }
        return matches.get(0);
    }

    /** Strategic merge: maps merge, lists with a merge key merge element by element, other lists are replaced. */
    private static void merge(ObjectNode into, JsonNode patch, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith("$")) {
                throw new AssertionError(where + ": patch directive " + key + " is not implemented here");
            }
            JsonNode existing = into.get(key);
            if (value.isNull()) {
                into.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, value, where);
            } else if (value.isArray() && existing != null && existing.isArray() && MERGE_KEYS.containsKey(key)) {
                mergeList((ArrayNode) existing, value, MERGE_KEYS.get(key), where);
            } else {
                into.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeList(ArrayNode into, JsonNode patch, String mergeKey, String where) {
        for (JsonNode element : patch) {
            ObjectNode match = null;
            for (JsonNode candidate : into) {
                if (candidate.path(mergeKey).equals(element.path(mergeKey))) {
                    match = (ObjectNode) candidate;
                }
            }
            if (match == null) {
                into.add(element.deepCopy());
            } else {
                merge(match, element, where);
            }
        }
    }

    private static List<JsonNode> containers(JsonNode resource) {
        List<JsonNode> containers = new ArrayList<>();
        JsonNode pod = resource.path("spec").path("template").path("spec");
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        return containers;
    }

    private static void setImage(ObjectNode container, Image image) {
        String current = container.path("image").asText();
        int colon = current.lastIndexOf(':');
        boolean tagged = colon > current.lastIndexOf('/');
        String name = tagged ? current.substring(0, colon) : current;
        if (!name.equals(image.name())) {
            return;
        }
        String tag = image.newTag() != null ? image.newTag() : tagged ? current.substring(colon + 1) : null;
        String newName = image.newName() != null ? image.newName() : name;
        container.put("image", tag == null ? newName : newName + ":" + tag);
    }

    private static void renameConfigMaps(JsonNode container, Map<String, String> generated) {
        container.path("envFrom").forEach(from -> rename(from.path("configMapRef"), generated));
        container.path("env").forEach(env -> rename(env.path("valueFrom").path("configMapKeyRef"), generated));
    }

    private static void rename(JsonNode reference, Map<String, String> generated) {
        String name = reference.path("name").asText(null);
        if (name != null && generated.containsKey(name)) {
            ((ObjectNode) reference).put("name", generated.get(name));
        }
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
