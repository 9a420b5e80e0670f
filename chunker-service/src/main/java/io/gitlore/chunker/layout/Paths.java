package io.gitlore.chunker.layout;

/** Repository-relative path arithmetic on {@code /}-separated strings; the root directory is {@code ""}. */
final class Paths {

    private Paths() {
    }

    /** {@code ./crates/x/} → {@code crates/x}. */
    static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.replace("/./", "/");
    }

    /** The directory holding a path: {@code src/lib.rs} → {@code src}, {@code lib.rs} → {@code ""}; null above root. */
    static String parent(String path) {
        if (path.isEmpty()) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code path} relative to directory {@code dir} (which holds it). */
    static String relative(String dir, String path) {
        return dir.isEmpty() ? path : path.substring(dir.length() + 1);
    }

    /** Whether {@code path} is {@code dir} itself or lies under it. */
    static boolean within(String dir, String path) {
        return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
    }
}
