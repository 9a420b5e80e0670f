package io.gitlore.chunker.layout;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

/**
 * What gitlore needs of one {@code Cargo.toml}: the package name, its explicit targets ({@code [lib]},
 * {@code [[bin]]}, {@code [[test]]}, {@code [[example]]}, {@code [[bench]]}, the build script). A virtual workspace
 * manifest (no {@code [package]}) is no package, and its member list does not decide a file's crate: as in Cargo, the
 * nearest package manifest above a file does. A manifest that is not valid TOML reads as {@link #UNREADABLE}.
 *
 * @param packageName  {@code [package] name}, or {@code null} for a virtual workspace manifest
 * @param targets      the explicitly declared targets, paths relative to the manifest's directory
 * @param buildScript  {@code [package] build} (default {@code build.rs}), or {@code null} when set to false
 */
public record CargoManifest(String packageName, List<Target> targets, String buildScript) {

    /** The manifest of a file that is not valid TOML: no package, so paths under it keep their other names. */
    public static final CargoManifest UNREADABLE = new CargoManifest(null, List.of(), null);

    /** One compilation target: a crate of its own. */
    public record Target(TargetKind kind, String name, String path) {
    }

    /** The kinds of target Cargo builds from a package. */
    public enum TargetKind { LIB, BIN, TEST, EXAMPLE, BENCH }

    private static final TomlMapper TOML = new TomlMapper();

    public static CargoManifest parse(String text) {
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (java.io.IOException | RuntimeException e) {
            return UNREADABLE;
        }
        if (root == null) {
            return UNREADABLE;
        }
        JsonNode pkg = root.path("package");
        String name = pkg.path("name").isTextual() ? pkg.path("name").asText() : null;
        List<Target> targets = new ArrayList<>();
        JsonNode lib = root.path("lib");
        if (lib.isObject()) {
            targets.add(new Target(TargetKind.LIB, text(lib, "name"), text(lib, "path")));
        }
        array(root, "bin", TargetKind.BIN, targets);
        array(root, "test", TargetKind.TEST, targets);
        array(root, "example", TargetKind.EXAMPLE, targets);
        array(root, "bench", TargetKind.BENCH, targets);
        JsonNode build = pkg.path("build");
        String buildScript = build.isTextual() ? build.asText() : build.isBoolean() && !build.asBoolean() ? null
                : "build.rs";
        return new CargoManifest(name, List.copyOf(targets), buildScript);
    }

    public boolean isPackage() {
        return packageName != null;
    }

    private static void array(JsonNode root, String field, TargetKind kind, List<Target> out) {
        for (JsonNode t : root.path(field)) {
            String name = text(t, "name");
            if (name != null || text(t, "path") != null) {
                out.add(new Target(kind, name, text(t, "path")));
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
