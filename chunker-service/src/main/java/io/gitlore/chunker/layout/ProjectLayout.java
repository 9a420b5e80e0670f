package io.gitlore.chunker.layout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a repository's manifests declare at one commit about module names: its {@code Cargo.toml}s (by directory),
 * its {@code go.mod} module paths and the directories that are Python packages (they hold an {@code __init__.py}).
 * Immutable, so one instance is shared by every commit that changes none of these files, and read from any thread.
 * A layout is {@code complete} when it was followed from the repository's root commit (or read from a whole
 * snapshot); one that started from a commit whose parent was never seen knows only the manifests changed since, so it
 * names a file only from a manifest at the file's conventional package directory.
 */
public final class ProjectLayout {

    public static final ProjectLayout EMPTY = new ProjectLayout(Map.of(), Map.of(), Set.of(), true);

    private static final Pattern GO_MODULE = Pattern.compile("(?m)^\\s*module\\s+\"?([^\\s\"]+)\"?");

    /** One file that declares layout, after a commit: {@code present} false when the commit deleted it. */
    public record Declaration(String path, boolean present, String text) {
    }

    private final Map<String, CargoManifest> cargo;
    private final Map<String, String> goModules;
    private final Set<String> pythonPackages;
    private final boolean complete;

    private ProjectLayout(Map<String, CargoManifest> cargo, Map<String, String> goModules,
                          Set<String> pythonPackages, boolean complete) {
        this.cargo = cargo;
        this.goModules = goModules;
        this.pythonPackages = pythonPackages;
        this.complete = complete;
    }

    public boolean complete() {
        return complete;
    }

    /** This layout as the start of a history whose earlier manifests are unknown. */
    public ProjectLayout partial() {
        return complete ? new ProjectLayout(cargo, goModules, pythonPackages, false) : this;
    }

    /** Whether a file's presence or content changes the layout. */
    public static boolean declares(String path) {
        if (path == null) {
            return false;
        }
        String name = Paths.fileName(path);
        return name.equals("Cargo.toml") || name.equals("go.mod") || name.equals("__init__.py");
    }

    /** This layout with the given declaration files added, changed or removed; this one when the list is empty. */
    public ProjectLayout with(List<Declaration> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<String, CargoManifest> newCargo = cargo;
        Map<String, String> newGo = goModules;
        Set<String> newPython = pythonPackages;
        for (Declaration d : changes) {
            String name = Paths.fileName(d.path());
            String dir = Paths.parent(d.path());
            if (name.equals("Cargo.toml")) {
                newCargo = newCargo == cargo ? new HashMap<>(cargo) : newCargo;
                if (d.present()) {
                    newCargo.put(dir, d.text() == null ? CargoManifest.UNREADABLE : CargoManifest.parse(d.text()));
                } else {
                    newCargo.remove(dir);
                }
            } else if (name.equals("go.mod")) {
                newGo = newGo == goModules ? new HashMap<>(goModules) : newGo;
                Matcher m = d.text() == null ? null : GO_MODULE.matcher(d.text());
                if (d.present() && m != null && m.find()) {
                    newGo.put(dir, m.group(1));
                } else {
                    newGo.remove(dir);
                }
            } else if (name.equals("__init__.py")) {
                newPython = newPython == pythonPackages ? new HashSet<>(pythonPackages) : newPython;
                if (d.present()) {
                    newPython.add(dir);
                } else {
                    newPython.remove(dir);
                }
            }
        }
        return new ProjectLayout(newCargo, newGo, newPython, complete);
    }

    /**
     * The module or package path the manifests give a source file's units, or {@code null} when they say nothing
     * (then the file's own declarations and its path decide).
     */
    public String module(String language, String path) {
        if (path == null || language == null) {
            return null;
        }
        return switch (language) {
            case "rust" -> cargo.isEmpty() ? null : RustCrates.module(cargo, path, complete);
            case "go" -> complete ? goImportPath(path) : null;
            case "python" -> complete ? pythonModule(path) : null;
            default -> null;
        };
    }

    /** {@code module example.com/m} at {@code svc/go.mod}: {@code svc/api/x.go} is in package {@code example.com/m/api}. */
    private String goImportPath(String path) {
        if (goModules.isEmpty()) {
            return null;
        }
        String fileDir = Paths.parent(path);
        for (String dir = fileDir; dir != null; dir = Paths.parent(dir)) {
            String module = goModules.get(dir);
            if (module != null) {
                return fileDir.equals(dir) ? module : module + "/" + Paths.relative(dir, fileDir);
            }
        }
        return null;
    }

    /**
     * A file in a package directory is named from the top of its chain of packages: {@code src/shop/cart/x.py} with
     * {@code __init__.py} in {@code shop} and {@code cart} is {@code shop.cart.x}.
     */
    private String pythonModule(String path) {
        String dir = Paths.parent(path);
        if (!pythonPackages.contains(dir) || dir.isEmpty()) {
            return null;
        }
        String top = dir;
        while (!Paths.parent(top).isEmpty() && pythonPackages.contains(Paths.parent(top))) {
            top = Paths.parent(top);
        }
        String module = Paths.relative(Paths.parent(top), path).replaceFirst("\\.pyi?$", "")
                .replaceFirst("(^|/)__init__$", "");
        return module.replace('/', '.');
    }
}
