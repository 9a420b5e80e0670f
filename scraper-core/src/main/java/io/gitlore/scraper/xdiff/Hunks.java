// Ported from git 2.39 xdiff/xemit.c (GNU LGPL 2.1 or later); see package-info.java.
package io.gitlore.scraper.xdiff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Writes the hunks of a unified diff as {@code git diff} prints them ({@code xdl_emit_diff} in git 2.39): three
 * lines of context, changes up to six lines apart in one hunk, git's default function name after each hunk header,
 * and the "No newline at end of file" marker.
 */
final class Hunks {

    private static final int CONTEXT = 3;
    private static final int FUNC_NAME_BYTES = 80;
    private static final byte[] NO_NEWLINE = "\n\\ No newline at end of file\n".getBytes(StandardCharsets.US_ASCII);

    private final Lines lines;
    private final EditList edits;
    private final ByteArrayOutputStream out;
    /** The last function line found and where the search for it started ({@code funclineprev}). */
    private int funcStart = -1;
    private int funcEnd = -1;
    private int searchedFrom = -1;

    private Hunks(Lines lines, EditList edits, ByteArrayOutputStream out) {
        this.lines = lines;
        this.edits = edits;
        this.out = out;
    }

    static void write(Lines lines, EditList edits, ByteArrayOutputStream out) {
        new Hunks(lines, edits, out).write();
    }

    private void write() {
        int n1 = lines.sizeA();
        int n2 = lines.sizeB();
        for (int first = 0; first < edits.size();) {
            int last = first;
            while (last + 1 < edits.size() && edits.get(last + 1).getBeginA() - edits.get(last).getEndA()
                    <= 2 * CONTEXT) {
                last++;
            }
            Edit head = edits.get(first);
            Edit tail = edits.get(last);
            int s1 = Math.max(head.getBeginA() - CONTEXT, 0);
            int s2 = Math.max(head.getBeginB() - CONTEXT, 0);
            int after = Math.min(CONTEXT, Math.min(n1 - tail.getEndA(), n2 - tail.getEndB()));
            int e1 = tail.getEndA() + after;
            int e2 = tail.getEndB() + after;
            header(s1, e1 - s1, s2, e2 - s2);
            int b = s2;
            for (int i = first; i <= last; i++) {
                Edit e = edits.get(i);
                for (; b < e.getBeginB(); b++) {
                    line(' ', lines.b, lines.startB, b);
                }
                for (int a = e.getBeginA(); a < e.getEndA(); a++) {
                    line('-', lines.a, lines.startA, a);
                }
                for (; b < e.getEndB(); b++) {
                    line('+', lines.b, lines.startB, b);
                }
            }
            for (; b < e2; b++) {
                line(' ', lines.b, lines.startB, b);
            }
            first = last + 1;
        }
    }

    /** xdl_emit_hunk_hdr: an empty side is numbered by the line before it, a count of 1 is left out. */
    private void header(int s1, int c1, int s2, int c2) {
        StringBuilder h = new StringBuilder(32).append("@@ -").append(c1 != 0 ? s1 + 1 : s1);
        if (c1 != 1) {
            h.append(',').append(c1);
        }
        h.append(" +").append(c2 != 0 ? s2 + 1 : s2);
        if (c2 != 1) {
            h.append(',').append(c2);
        }
        h.append(" @@");
        out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
        functionName(s1 - 1);
        if (funcEnd > funcStart) {
            out.write(' ');
            out.write(lines.a, funcStart, funcEnd - funcStart);
        }
        out.write('\n');
    }

    /**
     * get_func_line: the nearest line at or above {@code from} in the old file that starts with a letter, '_' or
     * '$', cut to 80 bytes without trailing white space; when none lies between it and the previous hunk's search,
     * the previous hunk's name stays.
     */
    private void functionName(int from) {
        int limit = searchedFrom;
        searchedFrom = from;
        for (int l = from; l != limit && l >= 0 && l < lines.sizeA(); l--) {
            int start = lines.startA[l];
            int len = lines.startA[l + 1] - start;
            byte c = len > 0 ? lines.a[start] : 0;
            if (len > 0 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$')) {
                len = Math.min(len, FUNC_NAME_BYTES);
                while (len > 0 && isSpace(lines.a[start + len - 1])) {
                    len--;
                }
                funcStart = start;
                funcEnd = start + len;
                return;
            }
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void line(char prefix, byte[] text, int[] starts, int line) {
        int start = starts[line];
        int end = starts[line + 1];
        out.write(prefix);
        out.write(text, start, end - start);
        if (end == start || text[end - 1] != '\n') {
            out.writeBytes(NO_NEWLINE);
        }
    }
}
