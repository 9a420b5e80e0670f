package io.gitlore.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Takes docker-compose.yml and optional override files and gives the merged project: services by name, top-level
 * volumes. Overrides merge as compose merges mappings (recursively); an override that would replace a list is
 * refused, since compose merges lists such as ports and volumes by their own rules this class does not repeat.
 */
record Compose(Map<String, JsonNode> services, JsonNode volumes) {

    static final Path FILE = Repository.path("docker-compose.yml");

    /** A host:container volume or bind mount, {@code :ro} noted. */
    record Mount(String source, String target, boolean readOnly) {
    }

    static Compose load(Path... overrides) {
        JsonNode project = Repository.yaml(FILE).deepCopy();
        for (Path override : overrides) {
            merge((ObjectNode) project, Repository.yaml(override), override.getFileName().toString());
        }
        Map<String, JsonNode> services = new LinkedHashMap<>();
        project.get("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return new Compose(services, project.path("volumes"));
    }

    private static void merge(ObjectNode into, JsonNode from, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = into.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, field.getValue(), where + "." + field.getKey());
            } else if (existing != null && existing.isArray()) {
                throw new AssertionError(where + "." + field.getKey() + " replaces a list: compose would merge it "
                        + "by rules this test does not model; restate the service in the override instead");
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    JsonNode service(String name) {
        JsonNode service = services.get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The gitlore module a service is built from (its build arg MODULE), if it is one. */
    Optional<String> module(String service) {
        JsonNode module = service(service).path("build").path("args").path("MODULE");
        return module.isTextual() ? Optional.of(module.asText()) : Optional.empty();
    }

    /** Service name to module, for the services built from a gitlore module. */
    Map<String, String> gitloreServices() {
        Map<String, String> modules = new LinkedHashMap<>();
        services.keySet().forEach(name -> module(name).ifPresent(module -> modules.put(name, module)));
        return modules;
    }

    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Repository.map(service(service).path("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service(service).path("volumes")) {
            // source:target[:mode]; a source may be ${VAR:-default}, which holds no colon here
            Matcher m = Pattern.compile("(\\$\\{[^}]*}|[^:]+):([^:]+)(?::(ro|rw))?").matcher(volume.asText());
            if (!m.matches()) {
                throw new AssertionError(service + ": cannot read volume " + volume);
            }
            mounts.add(new Mount(m.group(1), m.group(2), "ro".equals(m.group(3))));
        }
        return mounts;
    }

    /** The healthcheck test as one command line. */
    String healthcheck(String service) {
        JsonNode test = service(service).path("healthcheck").path("test");
        if (!test.isArray() || test.isEmpty()) {
            return "";
        }
        List<String> words = new ArrayList<>();
        test.forEach(word -> words.add(word.asText()));
        return String.join(" ", words.subList(1, words.size()));
    }
}
