package io.gitlore.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * Builds a service's {@code @ConfigMapping}, or one of its groups, outside Quarkus for tests and benchmarks: takes
 * the mapping type and property overrides, gives the mapping with its {@code @WithDefault}s, checked by the same Bean
 * Validation constraints the service checks at start. Defaults are written once, on the mapping.
 */
public final class Mappings {

    // Hibernate Validator with Jakarta EL (both come with quarkus-hibernate-validator), as in the service.
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private Mappings() {
    }

    /** The mapping with every default, e.g. {@code Mappings.defaults(ScrapeOptions.class)}. */
    public static <T> T defaults(Class<T> type) {
        return of(type);
    }

    /**
     * The mapping with some properties set, as name/value pairs relative to the mapping's prefix, e.g.
     * {@code of(ScraperConfig.class, "progress-every", "0")}; a bad value throws SmallRye Config's exception, whose
     * message names the full property as the service's start-up failure does.
     */
    public static <T> T of(Class<T> type, String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("overrides come in name/value pairs");
        }
        ConfigMapping root = type.getAnnotation(ConfigMapping.class);
        String prefix = root == null ? "" : root.prefix();
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            properties.put(prefix.isEmpty() ? nameValuePairs[i] : prefix + "." + nameValuePairs[i],
                    nameValuePairs[i + 1]);
        }
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                // Quarkus's converters (on the class path of every service) read values as the service does: 30s.
                .addDiscoveredConverters()
                .withSources(new PropertiesConfigSource(properties, "test overrides", 500))
                .withMapping(type, prefix)
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR);
        if (root != null) {
            // Defaults such as ${user.dir} read system properties; a group has none, and would see them as unknown.
            builder.withSources(new SysPropConfigSource());
        }
        return builder.build().getConfigMapping(type, prefix);
    }
}
