package io.gitlore.chunker.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gitlore.chunker.layout.CargoManifest.Target;
import io.gitlore.chunker.layout.CargoManifest.TargetKind;

/**
 * Rust module paths from Cargo's rules: a file belongs to the package whose manifest is nearest above it, and to the
 * target (crate) whose root file is it or whose root's directory holds it most closely. The library is
 * {@code [lib] name} or the package name with {@code -} as {@code _}; {@code src/main.rs} is the binary named after
 * the package; {@code src/bin/x.rs} (or {@code src/bin/x/main.rs}) is binary {@code x}; {@code tests/x.rs},
 * {@code examples/x.rs} and {@code benches/x.rs} are crates named by their stem; explicit {@code [[bin]]},
 * {@code [[test]]}, {@code [[example]]} and {@code [[bench]]} entries rename or move these; the build script is the
 * crate {@value #BUILD_SCRIPT_CRATE}, as Cargo names it.
 */
final class RustCrates {

    static final String BUILD_SCRIPT_CRATE = "build_script_build";

    /** Auto-discovered target directories and the kind of crate each file or subdirectory in them is. */
    private static final Map<String, TargetKind> AUTO = Map.of("src/bin", TargetKind.BIN, "tests", TargetKind.TEST,
            "examples", TargetKind.EXAMPLE, "benches", TargetKind.BENCH);

    /** A crate root: the crate's name and its root file, relative to the package directory. */
    private record Root(String crate, String file) {
    }

    private RustCrates() {
    }

    /**
     * The module path of a Rust file, or {@code null} when no package manifest lies above it. Knowing only some of
     * the manifests ({@code complete} false), a manifest higher up may not be the file's (its own one is unknown): then
     * only a manifest at the file's conventional package directory counts, the one holding its {@code src/},
     * {@code tests/}, {@code examples/} or {@code benches/} directory or its {@code build.rs}.
     */
    static String module(Map<String, CargoManifest> manifests, String path, boolean complete) {
        if (!complete) {
            String dir = conventionalPackageDir(path);
            CargoManifest m = dir == null ? null : manifests.get(dir);
            return m != null && m.isPackage() ? within(m, Paths.relative(dir, path)) : null;
        }
        for (String dir = Paths.parent(path); dir != null; dir = Paths.parent(dir)) {
            CargoManifest m = manifests.get(dir);
            if (m != null && m.isPackage()) {
                return within(m, Paths.relative(dir, path));
            }
        }
        return null;
    }

    private static String conventionalPackageDir(String path) {
        if (Paths.fileName(path).equals("build.rs")) {
            return Paths.parent(path);
        }
        String[] parts = path.split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            if (parts[i].equals("src") || parts[i].equals("tests") || parts[i].equals("examples")
                    || parts[i].equals("benches")) {
                return String.join("/", java.util.Arrays.copyOfRange(parts, 0, i));
            }
        }
        return null;
    }

    /** The module path of the file at {@code rel} (relative to the package directory) in package {@code m}. */
    static String within(CargoManifest m, String rel) {
        String pkg = ident(m.packageName());
        if (rel.equals(m.buildScript())) {
            return BUILD_SCRIPT_CRATE;
        }
        List<Root> roots = roots(m, pkg, rel);
        for (Root r : roots) {
            if (r.file().equals(rel)) {
                return r.crate();
            }
        }
        Root best = null;
        String bestDir = null;
        for (Root r : roots) {
            // A crate root's modules live in the root file's directory (unlike a non-root foo.rs, whose live in foo/).
            String dir = Paths.parent(r.file());
            if (!dir.isEmpty() && Paths.within(dir, rel) && (best == null || dir.length() > bestDir.length())) {
                best = r;
                bestDir = dir;
            }
        }
        return best == null ? pkg + segments(rel) : best.crate() + segments(Paths.relative(bestDir, rel));
    }

    /** The crate roots that could hold {@code rel}: explicit targets first, then Cargo's defaults and discoveries. */
    private static List<Root> roots(CargoManifest m, String pkg, String rel) {
        List<Root> roots = new ArrayList<>();
        boolean explicitLib = false;
        for (Target t : m.targets()) {
            String name = t.name() != null ? t.name() : t.path() != null ? stem(t.path()) : m.packageName();
            if (t.kind() == TargetKind.LIB) {
                explicitLib = true;
                roots.add(new Root(ident(t.name() != null ? t.name() : m.packageName()),
                        t.path() != null ? Paths.normalise(t.path()) : "src/lib.rs"));
            } else if (t.path() != null) {
                roots.add(new Root(ident(name), Paths.normalise(t.path())));
            } else {
                String dir = t.kind() == TargetKind.BIN ? "src/bin" : t.kind() == TargetKind.TEST ? "tests"
                        : t.kind() == TargetKind.EXAMPLE ? "examples" : "benches";
                roots.add(new Root(ident(name), dir + "/" + name + ".rs"));
                roots.add(new Root(ident(name), dir + "/" + name + "/main.rs"));
                if (t.kind() == TargetKind.BIN && name.equals(m.packageName())) {
                    roots.add(new Root(ident(name), "src/main.rs"));
                }
            }
        }
        if (!explicitLib) {
            roots.add(new Root(pkg, "src/lib.rs"));
        }
        roots.add(new Root(pkg, "src/main.rs"));
        for (Map.Entry<String, TargetKind> auto : AUTO.entrySet()) {
            String dir = auto.getKey();
            if (!rel.startsWith(dir + "/")) {
                continue;
            }
            String rest = rel.substring(dir.length() + 1);
            int slash = rest.indexOf('/');
            if (slash < 0 && rest.endsWith(".rs")) {
                roots.add(new Root(ident(stem(rest)), rel));
            } else if (slash > 0) {
                roots.add(new Root(ident(rest.substring(0, slash)), dir + "/" + rest.substring(0, slash) + "/main.rs"));
            }
        }
        return roots;
    }

    /** {@code foo/bar.rs} → {@code ::foo::bar}; {@code foo/mod.rs} → {@code ::foo}. */
    private static String segments(String rel) {
        String[] parts = rel.split("/");
        StringBuilder module = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String segment = parts[i];
            if (i == parts.length - 1) {
                segment = segment.replaceFirst("\\.rs$", "");
                if (segment.equals("mod")) {
                    continue;
                }
            }
            module.append("::").append(ident(segment));
        }
        return module.toString();
    }

    private static String stem(String path) {
        return Paths.fileName(path).replaceFirst("\\.rs$", "");
    }

    /** A package or target name as a crate name: {@code the-node} → {@code the_node}. */
    private static String ident(String name) {
        return name.replace('-', '_');
    }
}
