package io.gitlore.chunker.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gitlore.chunker.text.Tokens;
import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkKind;

/**
 * The change-type rule set: first the file's nature, then what the diff shows, then the commit's subject. In order:
 * <ol>
 * <li>a configuration file → CONFIGURATION; a documentation file → DOCUMENTATION;</li>
 * <li>a unit that no longer exists → DELETED_FUNCTION;</li>
 * <li>a new unit: a test → NEW_TEST, a type → NEW_TYPE, anything else → NEW_FUNCTION;</li>
 * <li>a modified unit whose tokens, whitespace and trailing separators aside, are unchanged → FORMATTING;</li>
 * <li>a modified unit whose changed lines are all comments → DOCUMENTATION;</li>
 * <li>a modified unit, by the subject's conventional-commit type ({@code fix:}, {@code perf:}, {@code refactor:},
 * {@code docs:}, {@code style:}; {@code feat:} and {@code test:} → MODIFIED_FUNCTION);</li>
 * <li>a modified unit, by the subject's words (after any {@code component:} prefix): fix words → BUG_FIX,
 * performance words → OPTIMISATION (unless it says "refactor"), refactoring words → REFACTOR, in that order;</li>
 * <li>otherwise → MODIFIED_FUNCTION.</li>
 * </ol>
 * Only the subject is read (a merge's subject names a branch, so its body's first line stands in): one word deep in a
 * long body no longer relabels every chunk of a commit.
 */
public final class ChangeClassifier {

    /** The unit's history in this commit. */
    public enum UnitChange { NEW, MODIFIED, DELETED }

    /** What changed in one unit: its code on each side (null when absent) and its removed and added lines. */
    public record UnitDiff(String oldCode, String newCode, List<String> removed, List<String> added) {

        static final UnitDiff NONE = new UnitDiff(null, null, List.of(), List.of());
    }

    static final Set<String> CONFIG_LANGUAGES = Set.of("toml", "yaml", "json", "ini", "properties", "xml",
            "dockerfile", "make", "cmake", "groovy", "go-mod", "terraform", "nix", "just");
    static final Set<String> DOC_LANGUAGES = Set.of("markdown", "rst", "text", "asciidoc");

    /** {@code type(scope)!: description}, the conventional-commit header. */
    private static final Pattern CONVENTIONAL = Pattern.compile(
            "^(fix|bugfix|hotfix|perf|refactor|docs?|style|test|tests|feat|feature|chore|build|ci|revert)"
                    + "(?:\\([^)]*\\))?!?:\\s*", Pattern.CASE_INSENSITIVE);
    private static final Map<String, ChangeKind> CONVENTIONAL_TYPES = Map.ofEntries(
            Map.entry("fix", ChangeKind.BUG_FIX), Map.entry("bugfix", ChangeKind.BUG_FIX),
            Map.entry("hotfix", ChangeKind.BUG_FIX), Map.entry("perf", ChangeKind.OPTIMISATION),
            Map.entry("refactor", ChangeKind.REFACTOR), Map.entry("docs", ChangeKind.DOCUMENTATION),
            Map.entry("doc", ChangeKind.DOCUMENTATION), Map.entry("style", ChangeKind.FORMATTING),
            Map.entry("feat", ChangeKind.MODIFIED_FUNCTION), Map.entry("feature", ChangeKind.MODIFIED_FUNCTION),
            Map.entry("test", ChangeKind.MODIFIED_FUNCTION), Map.entry("tests", ChangeKind.MODIFIED_FUNCTION));
    /** {@code rt:}, {@code sync, io:}, {@code rt(threaded):}: the component a subject is about, not its kind. */
    private static final Pattern COMPONENT = Pattern.compile("^[\\w.\\-/ ,]{1,40}(?:\\([^)]*\\))?:\\s+");
    private static final Pattern MERGE = Pattern.compile("^Merge (?:pull request|branch|remote-tracking branch)\\b");

    private static final Pattern FIX = Pattern.compile(
            "\\b(?:(?:fix(?:e[sd]|ing)?|bug ?fix(?:es)?)\\b(?!\\s+(?:typos?|docs?|documentation|comments?|spelling"
                    + "|clippy|lints?|warnings?|ci|fmt|formatting|links?)\\b)"
                    + "|bugs?\\b|crash(?:es|ed)?\\b|panic(?:s|ked)?\\b|regression\\b|broken\\b|wrong\\b|incorrect(?:ly)?\\b"
                    + "|overflow\\b|leak(?:s|ed|ing)?\\b|race\\b|deadlock\\b|cve\\b|unsound\\w*|soundness\\b"
                    + "|use.after.free\\b|undefined behaviou?r\\b|starv\\w*|hang(?:s|ing)?\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PERF = Pattern.compile(
            "\\b(?:perf|performance|optimi[sz](?:e|ed|es|ing|ation)|speed(?:s|ed)?(?: up)?|faster|slow(?:er|ness)?"
                    + "|allocations?|allocat(?:e|ing)|latency|throughput|benchmarks?|simd|vectori[sz]e|shard\\w*"
                    + "|caching|lock-?free|zero-?copy|hot ?path|fast ?path|contention"
                    + "|(?:reduce|avoid|fewer|less)\\s+(?:[\\w-]+\\s+){0,2}(?:allocations?|memory|contention|wake-?ups"
                    + "|overhead|copies|copying|locking|syscalls?|code ?gen\\w*|yielding|clones?|cloning))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REFACTOR = Pattern.compile(
            "\\b(?:refactor(?:s|ed|ing)?|renam(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|clean(?:ed|s)? ?up|cleanups?"
                    + "|simplif(?:y|ied|ies)|extract(?:s|ed)?|restructur(?:e|ed)|tidy|reorgani[sz]e[sd]?"
                    + "|rewrit(?:e|es|ten|ing)|polish(?:es|ed|ing)?|split(?:s|ting)?\\s+(?:[\\w:`-]+\\s+){0,4}into"
                    + "|replace[sd]?|internally|unif(?:y|ied)|dead|unused|unnecessary|deprecated|clippy|lints?"
                    + "|(?:crate.)?private|unreachable.pub|msrv|rust 2018|edition)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "refactor" said outright outranks a performance word ("refactor the queue so sharding is easy"). */
    private static final Pattern STATED_REFACTOR = Pattern.compile("\\brefactor", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("^\\s*(//|#(?!\\[)|/\\*|\\*|--|;|\"\"\"|''')");

    private ChangeClassifier() {
    }

    public static boolean isConfig(String language) {
        return language != null && CONFIG_LANGUAGES.contains(language);
    }

    public static boolean isDoc(String language) {
        return language != null && DOC_LANGUAGES.contains(language);
    }

    public static ChangeKind classify(String language, ChunkKind kind, UnitChange change, String subject,
                                      String body, UnitDiff diff) {
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
        if (formattingOnly(language, diff)) {
            return ChangeKind.FORMATTING;
        }
        List<String> changed = new ArrayList<>(diff.removed());
        changed.addAll(diff.added());
        if (changed.stream().anyMatch(l -> !l.isBlank())
                && changed.stream().allMatch(l -> l.isBlank() || COMMENT.matcher(l).find())) {
            return ChangeKind.DOCUMENTATION;
        }
        return bySubject(subject, body);
    }

    /** The change type the commit's subject states for a modified unit. */
    static ChangeKind bySubject(String subject, String body) {
        String text = subject == null ? "" : subject.strip();
        if (MERGE.matcher(text).find() && body != null && !body.isBlank()) {
            text = body.strip().lines().findFirst().orElse("");
        }
        Matcher conventional = CONVENTIONAL.matcher(text);
        if (conventional.find()) {
            ChangeKind stated = CONVENTIONAL_TYPES.get(conventional.group(1).toLowerCase(java.util.Locale.ROOT));
            if (stated != null) {
                return stated;
            }
            text = text.substring(conventional.end()); // chore:, build:, ci:, revert: the words below decide
        } else {
            text = COMPONENT.matcher(text).replaceFirst("");
        }
        if (FIX.matcher(text).find()) {
            return ChangeKind.BUG_FIX;
        }
        if (PERF.matcher(text).find() && !STATED_REFACTOR.matcher(text).find()) {
            return ChangeKind.OPTIMISATION;
        }
        if (REFACTOR.matcher(text).find()) {
            return ChangeKind.REFACTOR;
        }
        return ChangeKind.MODIFIED_FUNCTION;
    }

    /**
     * Whether the change is layout only: the unit's tokens are the same on both sides once whitespace, and a comma or
     * semicolon right before a closing bracket (what formatters add or drop), are set aside. Compares the whole unit
     * when both sides are known (a split part knows only its changed lines). Python keeps its trailing commas: there a
     * comma makes a tuple.
     */
    static boolean formattingOnly(String language, UnitDiff diff) {
        boolean wholeUnit = diff.oldCode() != null && diff.newCode() != null;
        String before = wholeUnit ? diff.oldCode() : String.join("\n", diff.removed());
        String after = wholeUnit ? diff.newCode() : String.join("\n", diff.added());
        if (before.equals(after) && diff.removed().isEmpty() && diff.added().isEmpty()) {
            return false;
        }
        boolean trailing = !"python".equals(language);
        return layoutFree(before, trailing).equals(layoutFree(after, trailing));
    }

    private static List<String> layoutFree(String code, boolean dropTrailingSeparators) {
        List<String> tokens = Tokens.split(code);
        if (!dropTrailingSeparators) {
            return tokens;
        }
        List<String> kept = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if ((t.equals(",") || t.equals(";")) && (next.equals(")") || next.equals("]") || next.equals("}"))) {
                continue;
            }
            kept.add(t);
        }
        return kept;
    }
}
