package io.gitlore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Takes paths relative to the repository root and gives the deployment files as trees: YAML documents (anchors and
 * merge keys resolved, as docker compose reads them) as Jackson nodes, and the parent POM's module list.
 */
final class Repository {

    /** Maven runs the tests in the module directory; the repository is its parent. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file, merge keys ({@code <<: *anchor}) applied. */
    static List<JsonNode> yamlDocuments(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(read(file))) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    /** The one document of a YAML file. */
    static JsonNode yaml(Path file) {
        List<JsonNode> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " holds " + documents.size() + " documents, expected one");
        }
        return documents.get(0);
    }

    /** The modules the parent POM builds. */
    static List<String> modules() {
        List<String> modules = new ArrayList<>();
        Matcher matcher = MODULE.matcher(read(path("pom.xml")));
        while (matcher.find()) {
            modules.add(matcher.group(1));
        }
        return modules;
    }

    /** A YAML mapping as a Java map, e.g. a compose service's environment. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }
}
