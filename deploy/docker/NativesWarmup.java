import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Takes a service's class path and a target directory, and unpacks every native library the service would otherwise
 * unpack at its first use (tree-sitter grammars, ONNX Runtime, DJL's PyTorch and Hugging Face tokenizers) into the
 * layout each loader looks in first; then loads each from there and fails if a loader still wanted to write a file.
 * The images run it at build time, so a container starts offline on a read-only copy:
 * {@code java -cp 'quarkus-app/lib/boot/*:quarkus-app/lib/main/*' NativesWarmup.java /opt/gitlore/natives}; it
 * writes the system properties that point each loader there to {@code jvm.options}, a java {@code @argfile}.
 * A single-file program on the JDK alone: it finds the libraries by reflection, so one file serves every service.
 */
public final class NativesWarmup {

    private static final String ARCH = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64";

    /** The -D options the service needs to find what was unpacked, in the order they were set. */
    private static final List<String> OPTIONS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: NativesWarmup <target directory>");
        }
        Path target = Path.of(args[0]).toAbsolutePath();
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                jars.add(Path.of(entry));
            }
        }
        Map<String, String> done = new TreeMap<>();
        done.put("tree-sitter", treeSitter(jars, target.resolve("tree-sitter")));
        done.put("onnxruntime", onnxRuntime(jars, target.resolve("onnxruntime")));
        done.put("jna", jna(jars, target.resolve("jna")));
        Path djlCache = target.resolve("djl-cache");
        if (present("ai.djl.engine.Engine")) {
            set("DJL_CACHE_DIR", djlCache.toString());
            set("ai.djl.offline", "true");
            // The tokenizers have no CUDA build on Maven Central: never let a GPU make DJL look for one.
            set("RUST_FLAVOR", "cpu");
        }
        done.put("djl-tokenizers", tokenizers(djlCache));
        done.put("djl-pytorch", pytorch(djlCache));
        done.forEach((name, result) -> System.out.printf("%-15s %s%n", name, result));
        Files.createDirectories(target);
        Files.write(target.resolve("jvm.options"), OPTIONS);
        System.out.println("jvm.options     " + String.join(" ", OPTIONS));
    }

    private static void set(String property, String value) {
        System.setProperty(property, value);
        OPTIONS.add("-D" + property + "=" + value);
    }

    /** Grammar and runtime libraries go to {@code <dir>/lib/}, where NativeUtils looks when tree-sitter-lib is set. */
    private static String treeSitter(List<Path> jars, Path dir) throws Exception {
        String prefix = "lib/" + ARCH + "-linux-gnu-";
        int count = extract(jars, name -> name.startsWith(prefix) && name.endsWith(".so"), name -> dir.resolve(name));
        if (count == 0) {
            return "not on the class path";
        }
        set("tree-sitter-lib", dir.toString());
        Path found = (Path) invokeStatic("org.treesitter.utils.NativeUtils", "libFile", "lib/tree-sitter");
        if (!found.startsWith(dir)) {
            throw new IllegalStateException("tree-sitter would still unpack its library to " + found);
        }
        return count + " libraries in " + dir;
    }

    /** ONNX Runtime loads from {@code onnxruntime.native.path} when it is set, and unpacks nothing. */
    private static String onnxRuntime(List<Path> jars, Path dir) throws Exception {
        String prefix = "ai/onnxruntime/native/linux-" + (ARCH.equals("x86_64") ? "x64" : "aarch64") + "/";
        int count = extract(jars, name -> name.startsWith(prefix) && name.endsWith(".so"),
                name -> dir.resolve(name.substring(prefix.length())));
        if (count == 0) {
            return "not on the class path";
        }
        set("onnxruntime.native.path", dir.toString());
        invokeStatic("ai.onnxruntime.OrtEnvironment", "getEnvironment");
        return count + " libraries in " + dir + ", loaded";
    }

    /** JNA (OSHI, DJL's GPU probe) loads its dispatch library from jna.boot.library.path; nounpack forbids the rest. */
    private static String jna(List<Path> jars, Path dir) throws Exception {
        String entry = "com/sun/jna/linux-" + (ARCH.equals("x86_64") ? "x86-64" : "aarch64") + "/libjnidispatch.so";
        int count = extract(jars, entry::equals, name -> dir.resolve("libjnidispatch.so"));
        if (count == 0) {
            return "not on the class path";
        }
        set("jna.boot.library.path", dir.toString());
        set("jna.nounpack", "true");
        // Native's static initialiser loads the dispatch library, or throws.
        Class.forName("com.sun.jna.Native", true, NativesWarmup.class.getClassLoader());
        return "loaded from " + dir;
    }

    /** DJL unpacks the tokenizers' library itself; a second load must find it and write nothing. */
    private static String tokenizers(Path cache) throws Exception {
        if (!present("ai.djl.huggingface.tokenizers.jni.LibUtils")) {
            return "not on the class path";
        }
        invokeStatic("ai.djl.huggingface.tokenizers.jni.LibUtils", "checkStatus");
        return "loaded from " + cache.resolve("tokenizers");
    }

    /**
     * Copies the PyTorch libraries and DJL's JNI bridge into the directory DJL's LibUtils looks in first
     * ({@code pytorch/<version>-<flavor>-<classifier>/}); a CPU build is then loaded from it and must write nothing.
     * A CUDA build cannot be loaded on a builder without a GPU (DJL picks the build by the GPU it sees), so it is only
     * laid out, by the same rule.
     */
    private static String pytorch(Path cache) throws Exception {
        Properties nativeBuild = properties("native/lib/pytorch.properties");
        Properties jni = properties("jnilib/pytorch.properties");
        if (nativeBuild == null || jni == null) {
            return "not on the class path";
        }
        String flavor = nativeBuild.getProperty("flavor");
        String classifier = nativeBuild.getProperty("classifier");
        String jniVersion = jni.getProperty("jni_version");
        String djlVersion = jniVersion.substring(jniVersion.lastIndexOf('-') + 1);
        Path dir = cache.resolve("pytorch").resolve(nativeBuild.getProperty("version") + "-" + flavor + "-"
                + classifier);
        Files.createDirectories(dir);
        for (String library : nativeBuild.getProperty("libraries").split(",")) {
            copy("pytorch/" + flavor + "/" + classifier + "/" + library, dir.resolve(library));
        }
        copy("jnilib/" + classifier + "/" + flavor + "/libdjl_torch.so", dir.resolve(djlVersion + "-libdjl_torch.so"));
        if (!flavor.startsWith("cpu")) {
            return "laid out in " + dir + " (" + flavor + ": loads on a GPU at run time, not here)";
        }
        Map<Path, Long> before = listing(cache.resolve("pytorch"));
        invokeStatic("ai.djl.pytorch.jni.LibUtils", "loadLibrary");
        Map<Path, Long> after = listing(cache.resolve("pytorch"));
        if (!before.equals(after)) {
            throw new IllegalStateException("DJL wrote into its cache although the libraries were laid out: "
                    + before.keySet() + " -> " + after.keySet());
        }
        return "laid out in " + dir + ", loaded, nothing rewritten";
    }

    private interface NameFilter {
        boolean accept(String name);
    }

    private interface Destination {
        Path of(String name);
    }

    private static int extract(List<Path> jars, NameFilter filter, Destination destination) throws IOException {
        int count = 0;
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && filter.accept(entry.getName())) {
                        Path out = destination.of(entry.getName());
                        Files.createDirectories(out.getParent());
                        try (InputStream in = file.getInputStream(entry)) {
                            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                        }
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static void copy(String resource, Path out) throws IOException {
        URL url = NativesWarmup.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the class path");
        }
        try (InputStream in = url.openStream()) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Properties properties(String resource) throws IOException {
        URL url = NativesWarmup.class.getClassLoader().getResource(resource);
        if (url == null) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        }
        return properties;
    }

    private static Map<Path, Long> listing(Path dir) throws IOException {
        Map<Path, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                try {
                    files.put(file, Files.getLastModifiedTime(file).toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, NativesWarmup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Object invokeStatic(String className, String method, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i].getClass();
        }
        try {
            return Class.forName(className).getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
