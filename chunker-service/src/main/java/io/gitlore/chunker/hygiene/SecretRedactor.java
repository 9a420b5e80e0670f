package io.gitlore.chunker.hygiene;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text by typed placeholders ({@code <REDACTED:aws-access-key>}) and counts them by type. Known
 * formats are matched by pattern; a private key block only when it holds key material (not a {@code {}} placeholder
 * of a format string); generic assignments ({@code password = "..."} with a quoted value, or {@code API_TOKEN=...}
 * lines of env files) only when the value looks random (8+ characters, letters and digits, Shannon entropy of at
 * least 3.0 bits per character) and is not itself a name ({@code AWS_S3_SECRET_KEY}) or the value of a key that names
 * one ({@code AWS_SECRET_VAR}), so {@code password = "changeme"}-style placeholders are kept. The cases it is held to
 * are in the test corpus {@code hygiene/secrets-corpus.jsonl}.
 */
public final class SecretRedactor {

    /** Base64 characters a private key block must hold to be one. */
    static final int MIN_KEY_MATERIAL = 40;

    /** The redacted text and how many secrets of each type it held. */
    public record Result(String text, Map<String, Integer> counts) {
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * One kind of secret: the named group {@code secret} is replaced when {@code isSecret} accepts the match; a rule
     * only runs its regex when one of its literal triggers occurs (regexes over all code are slow).
     */
    private record Rule(String type, Pattern pattern, Predicate<Matcher> isSecret, List<String> triggers,
                        boolean ignoreCase) {

        Rule(String type, String regex, Predicate<Matcher> isSecret, String... triggers) {
            this(type, Pattern.compile(regex), isSecret, List.of(triggers), false);
        }

        boolean mayMatch(String text, String lower) {
            for (String t : triggers) {
                if ((ignoreCase ? lower : text).contains(t)) {
                    return true;
                }
            }
            return triggers.isEmpty();
        }
    }

    private static final Predicate<Matcher> ALWAYS = m -> true;
    /** Base64 runs inside a key block: key material, as opposed to a {@code {}} or {@code %s} placeholder. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/=]{16,}");
    /** A name, not a value: {@code AWS_S3_SECRET_ACCESS_KEY}, {@code db.password.file}, {@code api-token-env}. */
    private static final Pattern IDENTIFIER = Pattern.compile(
            "[A-Z][A-Z0-9]*(?:_(?:[A-Z][A-Z0-9]*|[0-9]{1,2}))+|[a-z][a-z0-9]*(?:[_.-](?:[a-z][a-z0-9]*|[0-9]{1,2}))+");
    /** A key whose value names the secret rather than holds it: {@code AWS_SECRET_VAR}, {@code token_env}. */
    private static final Pattern NAMING_KEY = Pattern.compile(
            "(?i).*[_.-](?:var|variable|env|env_?var|name|field|header|param|label|file|path|url)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{?\\w+\\}?|\\{\\w*\\}|%s|<[^>]*>");

    private static final String KEY_NAMES = "(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key"
            + "|auth[_-]?key|client[_-]?secret|private[_-]?key)";

    private static final List<Rule> RULES = List.of(
            new Rule("private-key", "(?<secret>-----BEGIN (?:[A-Z0-9 ]+ )?PRIVATE KEY-----[\\s\\S]{0,8192}?"
                    + "(?:-----END (?:[A-Z0-9 ]+ )?PRIVATE KEY-----|\\z))", SecretRedactor::holdsKeyMaterial,
                    "PRIVATE KEY-----"),
            new Rule("aws-access-key", "\\b(?<secret>(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16})\\b", ALWAYS,
                    "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA"),
            new Rule("aws-secret-key", Pattern.compile("(?i)aws.{0,20}?(?:secret|private).{0,20}?['\"=:\\s]+"
                    + "(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"), ALWAYS, List.of("aws"), true),
            new Rule("github-token", "\\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\\b",
                    ALWAYS, "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
            new Rule("gitlab-token", "\\b(?<secret>glpat-[A-Za-z0-9_-]{20,})\\b", ALWAYS, "glpat-"),
            new Rule("slack-token", "\\b(?<secret>xox[abposr]-[A-Za-z0-9-]{10,})\\b", ALWAYS, "xox"),
            new Rule("google-api-key", "\\b(?<secret>AIza[0-9A-Za-z_-]{35})\\b", ALWAYS, "AIza"),
            new Rule("stripe-key", "\\b(?<secret>(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{20,})\\b", ALWAYS, "k_live_",
                    "k_test_"),
            new Rule("openai-key", "\\b(?<secret>sk-(?:proj-)?[A-Za-z0-9_-]{32,})\\b", ALWAYS, "sk-"),
            new Rule("jwt", "\\b(?<secret>eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})\\b",
                    ALWAYS, "eyJ"),
            new Rule("url-credentials", Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:(?<secret>[^@\\s/]{3,})@"),
                    m -> !PLACEHOLDER.matcher(m.group("secret")).matches(), List.of("://"), false),
            // A typed declaration (`const API_TOKEN: &'static str = "…"`, `token: string = "…"`) is an assignment too.
            new Rule("password", Pattern.compile("(?i)(?<key>" + KEY_NAMES + "[\\w.-]*)['\"]?\\s*"
                    + "(?::\\s*[&\\w<>' ]{1,30}?\\s*=|[:=]{1,2})\\s*(?<q>[\"'])(?<secret>[^\"'\\s]{8,})\\k<q>"),
                    SecretRedactor::randomValueOfASecretKey,
                    List.of("pass", "pwd", "secret", "token", "key"), true),
            new Rule("password", "(?m)^\\s*(?:export\\s+)?(?<key>[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY"
                    + "|ACCESS_KEY)[A-Z0-9_]*)\\s*=\\s*(?<secret>[^'\"\\s$]{8,})\\s*$",
                    SecretRedactor::randomValueOfASecretKey, "PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY",
                    "ACCESS_KEY"));

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
                String secret = m.group("secret");
                if (secret == null || secret.startsWith("<REDACTED:") || !rule.isSecret().test(m)) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(current.length());
                }
                out.append(current, last, m.start("secret")).append("<REDACTED:").append(rule.type()).append('>');
                last = m.end("secret");
                counts.merge(rule.type(), 1, Integer::sum);
            }
            if (out != null) {
                out.append(current, last, current.length());
                current = out.toString();
            }
        }
        return new Result(current, counts);
    }

    /**
     * A key block is a key when it holds key material: at least {@value #MIN_KEY_MATERIAL} base64 characters in runs
     * of 16 or more (an Ed25519 PKCS#8 key, the shortest in use, has 64), not a {@code {}} placeholder of a format
     * string or a header constant.
     */
    private static boolean holdsKeyMaterial(Matcher m) {
        Matcher run = BASE64_RUN.matcher(m.group("secret").replaceAll("\\\\[nr]", " "));
        int material = 0;
        while (run.find()) {
            String r = run.group();
            // Base64 of key bytes mixes cases and digits; "AAAA…" filler and header words are not material.
            if (r.chars().anyMatch(Character::isLowerCase)
                    && r.chars().anyMatch(c -> Character.isUpperCase(c) || Character.isDigit(c))) {
                material += r.length();
            }
        }
        return material >= MIN_KEY_MATERIAL;
    }

    /** A generic assignment's value is a secret when it looks random and neither it nor its key names a variable. */
    private static boolean randomValueOfASecretKey(Matcher m) {
        String value = m.group("secret");
        return looksRandom(value) && !IDENTIFIER.matcher(value).matches()
                && !NAMING_KEY.matcher(m.group("key")).matches();
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
