package io.gitlore.chunker.syntax;

/**
 * Rust module paths from the crate layout: {@code crates/ledger-core/src/account/mod.rs} is
 * {@code ledger_core::account}, {@code src/lib.rs} of a root crate is {@code crate}; without a {@code src}
 * directory every directory and the file stem become path segments.
 */
public final class RustModules {

    private RustModules() {
    }

    public static String modulePath(String path) {
        String[] parts = path.split("/");
        int src = -1;
        for (int i = parts.length - 2; i >= 0; i--) {
            if (parts[i].equals("src")) {
                src = i;
                break;
            }
        }
        StringBuilder module = new StringBuilder();
        int from;
        if (src >= 0) {
            module.append(src == 0 ? "crate" : crateName(parts[src - 1]));
            from = src + 1;
        } else {
            module.append(parts.length > 1 ? crateName(parts[0]) : "crate");
            from = parts.length > 1 ? 1 : 0;
        }
        for (int i = from; i < parts.length; i++) {
            String segment = parts[i];
            if (i == parts.length - 1) {
                segment = segment.replaceFirst("\\.rs$", "");
                if (segment.equals("lib") || segment.equals("main") || segment.equals("mod")) {
                    continue;
                }
            }
            module.append("::").append(crateName(segment));
        }
        return module.toString();
    }

    private static String crateName(String directory) {
        return directory.replace('-', '_');
    }
}
