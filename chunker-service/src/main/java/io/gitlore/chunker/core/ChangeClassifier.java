package io.gitlore.chunker.core;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkKind;

/**
 * The change-type rule set: first the file's nature, then what the parse shows, then the commit message. In order:
 * <ol>
 * <li>a configuration file → CONFIGURATION; a documentation file → DOCUMENTATION;</li>
 * <li>a unit that no longer exists → DELETED_FUNCTION;</li>
 * <li>a new unit: a test → NEW_TEST, a type → NEW_TYPE, anything else → NEW_FUNCTION;</li>
 * <li>a modified unit whose changed lines are all comments → DOCUMENTATION;</li>
 * <li>a modified unit, by the commit message: fix words → BUG_FIX, performance words → OPTIMISATION, refactoring
 * words → REFACTOR (in that order of precedence);</li>
 * <li>otherwise → MODIFIED_FUNCTION.</li>
 * </ol>
 */
public final class ChangeClassifier {

    /** The unit's history in this commit. */
    public enum UnitChange { NEW, MODIFIED, DELETED }

    static final Set<String> CONFIG_LANGUAGES = Set.of("toml", "yaml", "json", "ini", "properties", "xml",
            "dockerfile", "make", "cmake", "groovy", "go-mod", "terraform", "nix", "just");
    static final Set<String> DOC_LANGUAGES = Set.of("markdown", "rst", "text", "asciidoc");

    private static final Pattern FIX = Pattern.compile(
            "\\b(fix(e[sd]|ing)?|bug(s|fix)?|hotfix|crash(es|ed)?|panic(s|ked)?|regression|resolve[sd]?|"
                    + "broken|wrong|incorrect|overflow|leak|race|deadlock|cve)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PERF = Pattern.compile(
            "\\b(perf|performance|optimi[sz](e|ed|es|ing|ation)|speed(s|ed)?( up)?|faster|slow(er|ness)?|"
                    + "allocations?|latency|throughput|benchmarks?|simd|vectori[sz]e)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFACTOR = Pattern.compile(
            "\\b(refactor(s|ed|ing)?|renam(e|es|ed|ing)|mov(e|es|ed|ing)|clean(ed|s)? ?up|cleanups?|"
                    + "simplif(y|ied|ies)|extract(s|ed)?|restructur(e|ed)|tidy|reorgani[sz]e[sd]?|split)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("^\\s*(//|#(?!\\[)|/\\*|\\*|--|;|\"\"\"|''')");

    private ChangeClassifier() {
    }

    public static boolean isConfig(String language) {
        return language != null && CONFIG_LANGUAGES.contains(language);
    }

    public static boolean isDoc(String language) {
        return language != null && DOC_LANGUAGES.contains(language);
    }

    public static ChangeKind classify(String language, ChunkKind kind, UnitChange change, String message,
                                      List<String> changedLines) {
        if (isConfig(language)) {
            return ChangeKind.CONFIGURATION;
        }
        if (isDoc(language)) {
            return ChangeKind.DOCUMENTATION;
        }
        if (change == UnitChange.DELETED) {
            return ChangeKind.DELETED_FUNCTION;
        }
        if (change == UnitChange.NEW) {
            return kind == ChunkKind.TEST ? ChangeKind.NEW_TEST
                    : kind == ChunkKind.TYPE ? ChangeKind.NEW_TYPE : ChangeKind.NEW_FUNCTION;
        }
        if (!changedLines.isEmpty() && changedLines.stream().allMatch(l -> l.isBlank() || COMMENT.matcher(l).find())) {
            return ChangeKind.DOCUMENTATION;
        }
        String text = message == null ? "" : message;
        if (FIX.matcher(text).find()) {
            return ChangeKind.BUG_FIX;
        }
        if (PERF.matcher(text).find()) {
            return ChangeKind.OPTIMISATION;
        }
        if (REFACTOR.matcher(text).find()) {
            return ChangeKind.REFACTOR;
        }
        return ChangeKind.MODIFIED_FUNCTION;
    }
}
