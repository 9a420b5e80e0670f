package io.gitlore.scraper.git;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * Matches a full ref name ({@code refs/heads/main}) against a scrape request's filter: full names, short names
 * ({@code main}, {@code v1.0}) or globs ({@code refs/heads/release/*}). An empty filter matches every ref.
 */
final class RefFilter {

    private RefFilter() {
    }

    static boolean matches(List<String> filter, String refName) {
        if (filter == null || filter.isEmpty()) {
            return true;
        }
        for (String pattern : filter) {
            if (pattern.equals(refName) || refName.endsWith("/" + pattern) && isShortName(refName, pattern)) {
                return true;
            }
            if ((pattern.contains("*") || pattern.contains("?"))
                    && FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(refName))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isShortName(String refName, String pattern) {
        return refName.equals("refs/heads/" + pattern) || refName.equals("refs/tags/" + pattern)
                || refName.equals("refs/remotes/" + pattern);
    }
}
