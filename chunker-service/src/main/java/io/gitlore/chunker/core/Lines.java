package io.gitlore.chunker.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Line arithmetic shared by the draft makers: splitting file text into lines and slicing 1-based line ranges. */
final class Lines {

    private Lines() {
    }

    static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The text's lines without their newlines; a final newline does not start another line. */
    static String[] of(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length > 0 && lines[lines.length - 1].isEmpty()) {
            return Arrays.copyOf(lines, lines.length - 1);
        }
        return lines;
    }

    /** The 1-based line, or an empty string outside the file. */
    static String at(String[] lines, int line1) {
        return line1 >= 1 && line1 <= lines.length ? lines[line1 - 1] : "";
    }

    /** Lines {@code from..to} (1-based, inclusive, clipped to the file), each ending in a newline. */
    static String slice(String[] lines, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(1, from); i <= Math.min(lines.length, to); i++) {
            out.append(lines[i - 1]).append('\n');
        }
        return out.toString();
    }

    static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
