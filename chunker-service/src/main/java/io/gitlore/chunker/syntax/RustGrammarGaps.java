package io.gitlore.chunker.syntax;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code rustc accepts that the tree-sitter Rust grammar (0.24.0, the newest on Maven Central) turns into error
 * regions, respelled for the parser only, byte for byte the same length, so offsets and lines are unchanged and every
 * chunk's text (always cut from the file's own lines) is untouched. Measured on real workspaces (see docs/stages.md):
 * <ul>
 * <li>{@code str![…]} (snapbox's macro, all over cargo's test suite): the grammar takes {@code str} for the
 * primitive type and fails on the {@code !} (3,455 of cargo's 4,164 snapshot fallbacks);</li>
 * <li>{@code try!(…)}, the 2015 edition's macro: the grammar parses the 2018 keyword of try blocks (408 of the 418
 * fallbacks over tokio's history);</li>
 * <li>{@code &raw} borrowing a variable named {@code raw}: read as the start of a raw borrow
 * ({@code &raw const}/{@code &raw mut});</li>
 * <li>{@code unsafe extern "C" { … }} (Rust 2024's unsafe extern blocks): the grammar knows only {@code extern}
 * blocks, so the {@code unsafe} is blanked;</li>
 * <li>a cargo script's frontmatter (a {@code ---} fenced manifest at the top of the file): blanked, as rustc lexes
 * it away (all 52 history fallbacks of cargo's last 4,000 commits were such files, or fixtures rustc rejects).</li>
 * </ul>
 * None of these respellings changes what valid code of any edition means to the units gitlore extracts.
 */
final class RustGrammarGaps {

    /** A construct and how the parser is shown it: {@code group} 1 is replaced by {@code replacement}. */
    private record Gap(String trigger, Pattern pattern, String replacement) {
    }

    private static final List<Gap> GAPS = List.of(
            new Gap("try!", Pattern.compile("(?<![\\w#])(try)!"), "trY"),
            new Gap("str!", Pattern.compile("(?<![\\w#])(str)\\s*!"), "stR"),
            new Gap("&raw", Pattern.compile("&(raw)\\b(?!\\s+(?:const|mut)\\b)"), "raW"),
            new Gap("unsafe", Pattern.compile("\\b(unsafe)\\s+extern\\s+\"[^\"\\n]*\"\\s*\\{"), "      "));

    private RustGrammarGaps() {
    }

    /** The text the parser reads; the same string when none of the gaps occurs. */
    static String forParser(String text) {
        String out = withoutFrontmatter(text);
        for (Gap gap : GAPS) {
            if (!out.contains(gap.trigger())) {
                continue;
            }
            Matcher m = gap.pattern().matcher(out);
            StringBuilder sb = null;
            int last = 0;
            while (m.find()) {
                sb = sb == null ? new StringBuilder(out.length()) : sb;
                sb.append(out, last, m.start(1)).append(gap.replacement());
                last = m.end(1);
            }
            if (sb != null) {
                out = sb.append(out, last, out.length()).toString();
            }
        }
        return out;
    }

    /**
     * Blanks a closed frontmatter block (after an optional shebang and blank lines): every character but the newlines
     * becomes as many spaces as it has UTF-8 bytes, so bytes and lines keep their offsets. An unclosed block is left
     * alone (rustc rejects it too).
     */
    private static String withoutFrontmatter(String text) {
        int start = 0;
        if (text.startsWith("#!") && !text.startsWith("#![")) {
            start = text.indexOf('\n') + 1;
            if (start == 0) {
                return text;
            }
        }
        for (int eol = text.indexOf('\n', start); eol >= 0 && text.substring(start, eol).isBlank();
             eol = text.indexOf('\n', start)) {
            start = eol + 1;
        }
        if (!text.startsWith("---", start)) {
            return text;
        }
        int dashes = 0;
        while (start + dashes < text.length() && text.charAt(start + dashes) == '-') {
            dashes++;
        }
        Pattern closing = Pattern.compile("-{" + dashes + "}[ \\t]*\r?");
        int line = text.indexOf('\n', start) + 1;
        while (line > 0 && line < text.length()) {
            int eol = text.indexOf('\n', line);
            int end = eol < 0 ? text.length() : eol;
            if (closing.matcher(text.substring(line, end)).matches()) {
                StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, start);
                text.substring(start, end).codePoints().forEach(c -> {
                    if (c == '\n' || c == '\r') {
                        out.appendCodePoint(c);
                    } else {
                        out.append(" ".repeat(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)
                                .length));
                    }
                });
                return out.append(text, end, text.length()).toString();
            }
            line = eol < 0 ? -1 : eol + 1;
        }
        return text;
    }
}
