package io.gitlore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads each Dockerfile and checks what the images promise: a module that exists, Java 25 (Temurin) on a glibc base
 * (or Mandrel for native), a non-root user, the natives unpacked at build time, and a port and health check that
 * agree with docker-compose.yml and the Kubernetes probes.
 */
class DockerfileTest {

    /** Set by the images for the JVM or the GPU runtime, not gitlore configuration. */
    private static final Set<String> RUNTIME_ENV = Set.of("JAVA_HOME", "PATH", "NVIDIA_DRIVER_CAPABILITIES");

    private static Dockerfile dockerfile(String name) {
        return Dockerfile.parse(Repository.path("deploy/docker/" + name));
    }

    /** The modules a Dockerfile may build: those its guard admits, else every service. */
    private static Set<String> modules(Dockerfile dockerfile) {
        List<String> admitted = dockerfile.admittedModules();
        return admitted.isEmpty() ? Services.modules() : new TreeSet<>(admitted);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.service", "Dockerfile.gpu", "Dockerfile.native"})
    void buildsAServiceModuleFromTheRepositoryRoot(String name) {
        Dockerfile file = dockerfile(name);
        assertTrue(Services.modules().containsAll(modules(file)), name + " admits " + modules(file));
        String text = Repository.read(file.file());
        assertTrue(text.contains("-pl \"${MODULE}\" -am package -DskipTests"), name + " builds the one module");
        modules(file).forEach(module -> assertTrue(Files.isRegularFile(Repository.path(module + "/pom.xml"))));
        Path ignore = file.file().resolveSibling(name + ".dockerignore");
        assertTrue(Files.isRegularFile(ignore), name + " keeps build output out of its context with " + ignore);
        assertTrue(Repository.read(ignore).contains("**/target/") && Repository.read(ignore).contains(".data/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.service", "Dockerfile.gpu", "Dockerfile.native"})
    void runsAsAnUnprivilegedUser(String name) {
        String user = dockerfile(name).last().last("USER").orElseThrow(() -> new AssertionError(name + ": no USER"));
        Matcher uid = Pattern.compile("(\\d+)(?::\\d+)?").matcher(user);
        assertTrue(uid.matches(), name + ": a numeric user lets Kubernetes check runAsNonRoot: " + user);
        assertTrue(Integer.parseInt(uid.group(1)) >= 1000, name + " runs as " + user);
        assertEquals("10001", uid.group(1), "the uid the Kubernetes manifests run as (runAsUser)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.service", "Dockerfile.gpu"})
    void runsJava25TemurinOnGlibcWithTheNativesUnpackedAtBuild(String name) {
        Dockerfile file = dockerfile(name);
        assertTrue(file.stages().stream().anyMatch(s -> s.base().equals("eclipse-temurin:25-jdk-noble")), name);
        Dockerfile.Stage runtime = file.last();
        boolean temurinBase = runtime.base().equals("eclipse-temurin:25-jre-noble");
        boolean temurinCopied = runtime.all("COPY").contains("--from=jre /opt/java/openjdk /opt/java/openjdk")
                && file.stage("jre").map(s -> s.base().equals("eclipse-temurin:25-jre-noble")).orElse(false);
        assertTrue(temurinBase || temurinCopied, name + ": the runtime is Temurin 25's JRE");
        assertTrue(runtime.base().contains("noble") || runtime.base().contains("ubuntu"), name + " runs on Ubuntu "
                + "(glibc: DJL, ONNX Runtime and tree-sitter have no musl builds), not " + runtime.base());
        assertTrue(file.stages().stream().flatMap(s -> s.all("RUN").stream()).anyMatch(run ->
                run.contains("deploy/docker/NativesWarmup.java /opt/gitlore/natives")), name + " unpacks natives");
        assertTrue(runtime.all("COPY").contains("--from=build /opt/gitlore/natives /opt/gitlore/natives"), name);
        assertTrue(runtime.last("ENTRYPOINT").orElse("").contains("\"@/opt/gitlore/natives/jvm.options\""),
                name + " starts the JVM with the options NativesWarmup wrote");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.native"})
    void nativeImagesAreCompiledByMandrelForJava25(String name) {
        Dockerfile file = dockerfile(name);
        assertTrue(file.stages().stream().anyMatch(s ->
                s.base().equals("quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25")), name);
        assertTrue(Repository.read(file.file()).contains("-Dquarkus.native.enabled=true"), name);
        assertFalse(file.last().base().contains("alpine"), name + " needs glibc");
        assertEquals(Set.of("gateway", "scraper-service"), modules(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.service", "Dockerfile.gpu", "Dockerfile.native"})
    void portAndHealthCheckAgreeWithComposeAndKubernetes(String name) {
        Dockerfile.Stage runtime = dockerfile(name).last();
        Map<String, String> env = runtime.env();
        assertEquals(String.valueOf(Services.HTTP_PORT), env.get("QUARKUS_HTTP_PORT"), name);
        assertEquals(List.of(String.valueOf(Services.HTTP_PORT)), runtime.all("EXPOSE"), name);
        String health = runtime.last("HEALTHCHECK").orElseThrow(() -> new AssertionError(name + ": no HEALTHCHECK"));
        String command = "curl -fsS http://localhost:" + Services.HTTP_PORT + "/q/health/ready";
        assertTrue(health.contains("CMD " + command + " || exit 1"), name + ": " + health);
        Compose compose = Compose.load();
        compose.gitloreServices().keySet().forEach(service -> assertEquals(command, compose.healthcheck(service)));
        assertEquals("/data", env.get("GITLORE_DATA_DIR"), name + ": the data volume's mount point");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.service", "Dockerfile.gpu", "Dockerfile.native"})
    void setsOnlyVariablesEveryServiceItBuildsReads(String name) {
        Dockerfile file = dockerfile(name);
        for (String module : modules(file)) {
            Set<String> unknown = new TreeSet<>(file.last().env().keySet());
            unknown.removeAll(Services.envNames(module));
            unknown.removeAll(RUNTIME_ENV);
            assertTrue(unknown.isEmpty(), name + " sets " + unknown + ", which " + module + " does not read");
        }
    }
}
