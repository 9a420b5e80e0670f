package io.gitlore.testsupport;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappingInterface.Property;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Renders a service's configuration table from its {@code @ConfigMapping} (names, defaults, enum values and Bean
 * Validation bounds), the Javadoc of the mapping's methods (meanings) and its {@code application.properties}
 * (environment variables it reads), and checks that {@code docs/configuration.md} holds exactly that table, so the
 * document cannot drift from the code.
 */
public final class ConfigDoc {

    /** {@code -Dgitlore.config-doc.write=true} rewrites the service's section instead of failing. */
    public static final String WRITE = "gitlore.config-doc.write";

    private static final Pattern ENV_EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_]+):([^}]*)}");

    private record Row(String property, List<String> env, String defaultValue, String allowed, String meaning) {
    }

    private record Setting(String value, String comment) {
    }

    private ConfigDoc() {
    }

    /**
     * Asserts that the section between {@code <!-- BEGIN service -->} and {@code <!-- END service -->} of
     * {@code docs/configuration.md} is the table rendered from {@code mapping}; runs from the service's module
     * directory (Maven's working directory for tests).
     */
    public static void assertDocumented(String service, Class<?> mapping) {
        Path module = Path.of("").toAbsolutePath();
        Path doc = module.getParent().resolve("docs").resolve("configuration.md");
        String generated = section(mapping, module);
        String begin = "<!-- BEGIN " + service + " -->\n";
        String end = "<!-- END " + service + " -->";
        try {
            String text = Files.readString(doc);
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new AssertionError(doc + " has no section " + begin.strip() + " ... " + end);
            }
            String current = text.substring(from + begin.length(), to);
            if (current.equals(generated)) {
                return;
            }
            if (Boolean.getBoolean(WRITE)) {
                Files.writeString(doc, text.substring(0, from + begin.length()) + generated + text.substring(to));
                return;
            }
            throw new AssertionError("docs/configuration.md does not match " + mapping.getName() + ". Regenerate "
                    + "it with: ./mvnw -B -pl " + module.getFileName() + " -am test -Dtest='*ConfigTest' "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true\n--- generated ---\n" + generated
                    + "--- in the document ---\n" + current);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every environment variable the service reads for its configuration: each property's canonical name and the
     * variable its {@code application.properties} reads it from, as the table lists them. Deployment files are
     * checked against this set.
     */
    public static Set<String> envNames(Class<?> mapping, Path module) {
        Set<String> names = new TreeSet<>();
        rows(mapping, module, new ArrayList<>()).forEach(row -> names.addAll(row.env()));
        return names;
    }

    /** The Markdown table of every property of {@code mapping}, then the checks that span several properties. */
    public static String section(Class<?> mapping, Path module) {
        List<String> checks = new ArrayList<>();
        List<Row> rows = rows(mapping, module, checks);
        StringBuilder out = new StringBuilder("| property | env var | default | allowed | meaning |\n"
                + "|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| `").append(row.property()).append("` | ")
                    .append(row.env().stream().map(env -> "`" + env + "`").collect(Collectors.joining(" or ")))
                    .append(" | ")
                    .append(row.defaultValue() == null || row.defaultValue().isEmpty() ? "(unset)"
                            : "`" + row.defaultValue() + "`")
                    .append(" | ").append(row.allowed()).append(" | ").append(row.meaning().replace("|", "\\|"))
                    .append(" |\n");
        }
        if (!checks.isEmpty()) {
            out.append("\nAlso checked at start:\n");
            checks.forEach(check -> out.append("- ").append(check).append('\n'));
        }
        return out.toString();
    }

    private static List<Row> rows(Class<?> mapping, Path module, List<String> checks) {
        ConfigMapping root = mapping.getAnnotation(ConfigMapping.class);
        if (root == null) {
            throw new IllegalArgumentException(mapping.getName() + " is not a @ConfigMapping");
        }
        Map<String, Setting> settings = applicationProperties(module);
        List<Row> rows = new ArrayList<>();
        ConfigMappingInterface type = ConfigMappingInterface.getConfigurationInterface(mapping);
        walk(type, root.prefix(), type.getNamingStrategy(), module, settings, rows, checks);
        settings.forEach((key, setting) -> {
            Matcher env = ENV_EXPRESSION.matcher(setting.value());
            if (!key.startsWith(root.prefix() + ".") && env.matches()) {
                rows.add(new Row(key, List.of(env.group(1)), env.group(2), "", setting.comment()));
            }
        });
        return rows;
    }

    private static void walk(ConfigMappingInterface type, String path, ConfigMapping.NamingStrategy naming,
                             Path module, Map<String, Setting> settings, List<Row> rows, List<String> checks) {
        Class<?> java = type.getInterfaceType();
        Map<String, Property> properties = Arrays.stream(type.getProperties())
                .collect(Collectors.toMap(Property::getMemberName, Function.identity()));
        // Declaration order, which is the order a reader of the mapping sees; SmallRye sorts by name.
        for (Map.Entry<String, String> method : MappingJavadoc.of(java, module).entrySet()) {
            Property property = properties.get(method.getKey());
            if (property == null) {
                AssertTrue check = annotation(java, method.getKey(), AssertTrue.class);
                if (check != null) {
                    checks.add(check.message());
                }
                continue;
            }
            Property inner = property.isOptional() ? property.asOptional().getNestedProperty() : property;
            if (inner.isGroup()) {
                walk(inner.asGroup().getGroupType(), property.isParentPropertyName() ? path
                        : path + "." + property.getPropertyName(naming), naming, module, settings, rows, checks);
                continue;
            }
            if (method.getValue() == null || method.getValue().isBlank()) {
                throw new AssertionError(java.getName() + "." + method.getKey() + "() has no Javadoc: say what "
                        + "the property means, the configuration document is made from it");
            }
            String name = path + "." + property.getPropertyName(naming);
            String canonicalEnv = name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
            Property leaf = inner.isCollection() ? inner.asCollection().getElement() : inner;
            List<String> env = List.of(canonicalEnv);
            String defaultValue = leaf.hasDefaultValue() ? leaf.getDefaultValue() : null;
            Setting setting = settings.get(name);
            if (setting != null) {
                Matcher expression = ENV_EXPRESSION.matcher(setting.value());
                if (expression.matches()) {
                    env = List.of(expression.group(1), canonicalEnv);
                    defaultValue = expression.group(2);
                } else {
                    defaultValue = setting.value();
                }
            }
            Class<?> valueType = leaf.isLeaf() ? leaf.asLeaf().getValueRawType()
                    : leaf.isPrimitive() ? leaf.asPrimitive().getPrimitiveType() : Object.class;
            rows.add(new Row(name, env, defaultValue, allowed(property.getMethod(), valueType), method.getValue()));
        }
    }

    /** Enum values as SmallRye Config accepts them (lower case, hyphens) and the Bean Validation bounds. */
    private static String allowed(Method method, Class<?> valueType) {
        List<String> parts = new ArrayList<>();
        if (valueType.isEnum()) {
            parts.add(Arrays.stream(valueType.getEnumConstants())
                    .map(c -> "`" + ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-') + "`")
                    .collect(Collectors.joining(", ")));
        }
        List<Annotation> constraints = new ArrayList<>(List.of(method.getAnnotations()));
        if (method.getAnnotatedReturnType() instanceof AnnotatedParameterizedType optional) {
            // Optional<@Positive Integer>: the bound is on the value inside
            constraints.addAll(List.of(optional.getAnnotatedActualTypeArguments()[0].getAnnotations()));
        }
        String from = constraints.stream().map(a -> a instanceof Min min ? String.valueOf(min.value())
                : a instanceof DecimalMin min && min.inclusive() ? min.value() : null).filter(v -> v != null)
                .findFirst().orElse(null);
        String to = constraints.stream().map(a -> a instanceof Max max ? String.valueOf(max.value())
                : a instanceof DecimalMax max && max.inclusive() ? max.value() : null).filter(v -> v != null)
                .findFirst().orElse(null);
        boolean range = from != null && to != null;
        if (range) {
            parts.add(from + " to " + to);
        }
        for (Annotation a : constraints) {
            if (range && (a instanceof Min || a instanceof Max || a instanceof DecimalMin min && min.inclusive()
                    || a instanceof DecimalMax max && max.inclusive())) {
                continue;
            }
            if (a instanceof Min min) {
                parts.add("≥ " + min.value());
            } else if (a instanceof Max max) {
                parts.add("≤ " + max.value());
            } else if (a instanceof Positive) {
                parts.add("> 0");
            } else if (a instanceof PositiveOrZero) {
                parts.add("≥ 0");
            } else if (a instanceof DecimalMin min) {
                parts.add((min.inclusive() ? "≥ " : "> ") + min.value());
            } else if (a instanceof DecimalMax max) {
                parts.add((max.inclusive() ? "≤ " : "< ") + max.value());
            }
        }
        return String.join(", ", parts);
    }

    private static <A extends Annotation> A annotation(Class<?> type, String method, Class<A> annotation) {
        try {
            return type.getMethod(method).getAnnotation(annotation);
        } catch (NoSuchMethodException e) {
            return null; // a static helper or a method with parameters: not part of the configuration
        }
    }

    /** Each property of the module's application.properties with the comment lines just above it. */
    private static Map<String, Setting> applicationProperties(Path module) {
        Path file = module.resolve("src/main/resources/application.properties");
        Map<String, Setting> settings = new LinkedHashMap<>();
        try {
            StringBuilder comment = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#")) {
                    comment.append(' ').append(trimmed.substring(1).strip());
                } else if (!trimmed.isEmpty()) {
                    Properties one = new Properties();
                    one.load(new StringReader(trimmed));
                    for (String key : one.stringPropertyNames()) {
                        settings.put(key, new Setting(one.getProperty(key), comment.toString().strip()));
                    }
                    comment.setLength(0);
                } else {
                    comment.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
        return settings;
    }
}
