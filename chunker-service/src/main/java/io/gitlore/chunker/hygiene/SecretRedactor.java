package io.gitlore.chunker.hygiene;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text by typed placeholders ({@code <REDACTED:aws-access-key>}) and counts them by type. Known
 * formats are matched by pattern; generic assignments ({@code password = "..."} with a quoted value, or
 * {@code API_TOKEN=...} lines of env files) only when the value looks random (8+ characters, letters and digits,
 * Shannon entropy of at least 3.0 bits per character), so {@code password = "changeme"}-style placeholders are kept.
 */
public final class SecretRedactor {

    /** The redacted text and how many secrets of each type it held. */
    public record Result(String text, Map<String, Integer> counts) {
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** {@code group} -1: the first alternative group that matched. */
    private record Rule(String type, Pattern pattern, int group, boolean entropyCheck, List<String> triggers,
                        boolean ignoreCase) {

        Rule(String type, Pattern pattern, int group, boolean entropyCheck, String... triggers) {
            this(type, pattern, group, entropyCheck, List.of(triggers), false);
        }

        /** A rule only runs its regex when one of its literal triggers occurs: regexes over all code are slow. */
        boolean mayMatch(String text, String lower) {
            for (String t : triggers) {
                if ((ignoreCase ? lower : text).contains(t)) {
                    return true;
                }
            }
            return triggers.isEmpty();
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("private-key", Pattern.compile(
                    "-----BEGIN (?:[A-Z0-9 ]+ )?PRIVATE KEY-----[\\s\\S]*?(?:-----END (?:[A-Z0-9 ]+ )?PRIVATE KEY-----|\\z)"),
                    0, false, "PRIVATE KEY-----"),
            new Rule("aws-access-key", Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}\\b"), 0, false,
                    "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA"),
            new Rule("aws-secret-key", Pattern.compile(
                    "(?i)aws.{0,20}?(?:secret|private).{0,20}?['\"=:\\s]+([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"), 1,
                    false, List.of("aws"), true),
            new Rule("github-token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\\b"),
                    0, false, "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            new Rule("gitlab-token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}\\b"), 0, false, "glpat-"),
            new Rule("slack-token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b"), 0, false, "xox"),
            new Rule("google-api-key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), 0, false, "AIza"),
            new Rule("stripe-key", Pattern.compile("\\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{20,}\\b"), 0, false,
                    "k_live_", "k_test_"),
            new Rule("openai-key", Pattern.compile("\\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\\b"), 0, false, "sk-"),
            new Rule("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\b"), 0,
                    false, "eyJ"),
            new Rule("url-credentials", Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:([^@\\s/]{3,})@"), 1, false,
                    "://"),
            new Rule("password", Pattern.compile(
                    "(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth[_-]?key|client[_-]?secret"
                            + "|private[_-]?key)[\\w.-]*['\"]?\\s*[:=]{1,2}\\s*"
                            + "(?:\"([^\"\\s]{8,})\"|'([^'\\s]{8,})')"), -1, true,
                    List.of("pass", "pwd", "secret", "token", "key"), true),
            new Rule("password", Pattern.compile(
                    "(?m)^\\s*(?:export\\s+)?[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|ACCESS_KEY)[A-Z0-9_]*"
                            + "\\s*=\\s*([^'\"\\s$]{8,})\\s*$"), 1, true,
                    "PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "ACCESS_KEY"));

    public Result redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Result(text, Map.of());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        String current = text;
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (Rule rule : RULES) {
            if (!rule.mayMatch(current, lower)) {
                continue;
            }
            Matcher m = rule.pattern().matcher(current);
            StringBuilder out = null;
            int last = 0;
            while (m.find()) {
                int group = rule.group() >= 0 ? rule.group() : firstMatched(m);
                String secret = m.group(group);
                if (secret == null || secret.startsWith("<REDACTED:")
                        || rule.entropyCheck() && !looksRandom(secret)) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(current.length());
                }
                out.append(current, last, m.start(group)).append("<REDACTED:").append(rule.type()).append('>');
                last = m.end(group);
                counts.merge(rule.type(), 1, Integer::sum);
            }
            if (out != null) {
                out.append(current, last, current.length());
                current = out.toString();
            }
        }
        return new Result(current, counts);
    }

    private static int firstMatched(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return g;
            }
        }
        return 0;
    }

    /**
     * A value worth redacting: at least 3.0 bits of entropy per character and both letters and digits (so words,
     * identifiers, paths and format strings such as {@code "{token}"} are not).
     */
    static boolean looksRandom(String value) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
            if (c == '{' || c == '}' || c == '/' || c == '(') {
                return false;
            }
        }
        return letter && digit && entropy(value) >= 3.0;
    }

    static double entropy(String s) {
        int[] freq = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                freq[c]++;
            } else {
                other++;
            }
        }
        double h = 0;
        double n = s.length();
        for (int f : freq) {
            if (f > 0) {
                h -= f / n * (Math.log(f / n) / Math.log(2));
            }
        }
        if (other > 0) {
            h -= other / n * (Math.log(other / n) / Math.log(2));
        }
        return h;
    }
}
