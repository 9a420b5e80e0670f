package io.gitlore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs deploy/docker/NativesWarmup.java exactly as the images' build does (the JDK's source launcher, a class path of
 * the services' jars) and checks that every native library the services load was unpacked, loaded from where it was
 * put without any loader writing again, and named in the JVM options the images start with.
 */
class NativesWarmupTest {

    @Test
    void unpacksAndLoadsEveryNativeLibraryOfTheServices(@TempDir Path target) throws Exception {
        String classPath = System.getProperty("java.class.path");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", classPath,
                Repository.path("deploy/docker/NativesWarmup.java").toString(), target.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);

        long grammars = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().matches("tree-sitter-[a-z]+-.*\\.jar"))
                .count();
        try (var libraries = Files.list(target.resolve("tree-sitter/lib"))) {
            assertEquals(grammars + 1, libraries.count(), "the runtime and one library per grammar\n" + output);
        }
        assertTrue(Files.isRegularFile(target.resolve("onnxruntime/libonnxruntime.so")), output);
        assertTrue(Files.isRegularFile(target.resolve("jna/libjnidispatch.so")), output);
        assertTrue(output.contains("laid out in") && output.contains("loaded, nothing rewritten"), output);
        try (var pytorch = Files.list(target.resolve("djl-cache/pytorch"))) {
            Path dir = pytorch.findFirst().orElseThrow();
            assertTrue(Files.isRegularFile(dir.resolve("libtorch_cpu.so")), dir.toString());
            try (var jni = Files.list(dir)) {
                assertTrue(jni.anyMatch(f -> f.getFileName().toString().endsWith("-libdjl_torch.so")), dir.toString());
            }
        }
        try (var tokenizers = Files.walk(target.resolve("djl-cache/tokenizers"))) {
            assertTrue(tokenizers.anyMatch(f -> f.getFileName().toString().equals("libtokenizers.so")), output);
        }

        List<String> options = Files.readAllLines(target.resolve("jvm.options"));
        assertEquals(List.of("-Dtree-sitter-lib", "-Donnxruntime.native.path", "-Djna.boot.library.path",
                "-Djna.nounpack", "-DDJL_CACHE_DIR", "-Dai.djl.offline", "-DRUST_FLAVOR"),
                options.stream().map(option -> option.substring(0, option.indexOf('='))).toList());
        options.stream().map(option -> option.substring(option.indexOf('=') + 1)).filter(v -> v.startsWith("/"))
                .forEach(path -> assertTrue(Files.isDirectory(Path.of(path)), path));
    }
}
