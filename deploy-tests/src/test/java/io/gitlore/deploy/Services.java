package io.gitlore.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.gitlore.chunker.config.ChunkerConfig;
import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.scraper.config.ScraperConfig;
import io.gitlore.testsupport.ConfigDoc;
import io.gitlore.tokenizer.config.TokenizerConfig;
import io.gitlore.trainer.config.TrainerConfig;

/**
 * The six gitlore services by module name, and for each the environment variables it reads: every property of its
 * {@code @ConfigMapping} (canonical MicroProfile names, upper case with {@code _} for the rest), the variables its
 * {@code application.properties} reads them from, and the env form of every key of that file (Quarkus and Kafka
 * settings such as {@code QUARKUS_HTTP_PORT}, {@code KAFKA_BOOTSTRAP_SERVERS}).
 */
final class Services {

    static final Map<String, Class<?>> MAPPINGS = Map.of(
            "scraper-service", ScraperConfig.class,
            "chunker-service", ChunkerConfig.class,
            "tokenizer-service", TokenizerConfig.class,
            "embedder-service", EmbedderConfig.class,
            "trainer-service", TrainerConfig.class,
            "gateway", GatewayConfig.class);

    /** The port every image listens on (QUARKUS_HTTP_PORT in the Dockerfiles). */
    static final int HTTP_PORT = 8080;

    private static final Map<String, Set<String>> ENV_NAMES = new ConcurrentHashMap<>();

    private Services() {
    }

    static Set<String> modules() {
        return new TreeSet<>(MAPPINGS.keySet());
    }

    /** The environment variables {@code module} reads; a name outside this set is a typo or a stale setting. */
    static Set<String> envNames(String module) {
        // Reading a mapping's Javadoc parses its source with javac: once per module and test run is enough.
        return ENV_NAMES.computeIfAbsent(module, Services::readEnvNames);
    }

    private static Set<String> readEnvNames(String module) {
        Class<?> mapping = MAPPINGS.get(module);
        if (mapping == null) {
            throw new AssertionError(module + " is not a gitlore service; services: " + modules());
        }
        Path dir = Repository.path(module);
        Set<String> names = new TreeSet<>(ConfigDoc.envNames(mapping, dir));
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            names.add(env(key));
        }
        return Set.copyOf(names);
    }

    /** MicroProfile Config's environment name of a property. */
    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
