package io.gitlore.chunker.core;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gitlore.chunker.syntax.LineEdit;

/**
 * A unified patch read back into what the chunker needs: the hunks (text and line ranges), the exact added lines
 * (new side) and removed lines (old side), and the line edits that drive tree-sitter's incremental re-parse.
 */
public final class PatchEdits {

    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    /** One hunk: its text (header included) and the line ranges it spans on each side. */
    public record Hunk(String text, int oldStart, int oldCount, int newStart, int newCount) {

        boolean touchesNew(int from, int to) {
            return newStart <= to && newStart + Math.max(newCount, 1) - 1 >= from;
        }

        boolean touchesOld(int from, int to) {
            return oldStart <= to && oldStart + Math.max(oldCount, 1) - 1 >= from;
        }
    }

    private final List<Hunk> hunks;
    private final BitSet added;
    private final BitSet removed;
    private final List<LineEdit> edits;

    private PatchEdits(List<Hunk> hunks, BitSet added, BitSet removed, List<LineEdit> edits) {
        this.hunks = hunks;
        this.added = added;
        this.removed = removed;
        this.edits = edits;
    }

    public static PatchEdits parse(String patch) {
        List<Hunk> hunks = new ArrayList<>();
        BitSet added = new BitSet();
        BitSet removed = new BitSet();
        List<LineEdit> edits = new ArrayList<>();
        if (patch == null) {
            return new PatchEdits(hunks, added, removed, edits);
        }
        String[] lines = patch.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("@@")) {
            i++;
        }
        while (i < lines.length) {
            Matcher m = HUNK.matcher(lines[i]);
            if (!m.matches()) {
                i++;
                continue;
            }
            int oldStart = Integer.parseInt(m.group(1));
            int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            int newStart = Integer.parseInt(m.group(3));
            int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            StringBuilder text = new StringBuilder(lines[i]).append('\n');
            // git numbers an empty side by the line before it: the run starts one line later.
            int oldLine = oldCount == 0 ? oldStart + 1 : oldStart;
            int newLine = newCount == 0 ? newStart + 1 : newStart;
            int runOld = -1;
            int runNew = -1;
            int runRemoved = 0;
            int runAdded = 0;
            i++;
            while (i < lines.length && !lines[i].startsWith("@@")) {
                String line = lines[i];
                if (line.isEmpty() && i == lines.length - 1) {
                    break;
                }
                text.append(line).append('\n');
                char c = line.isEmpty() ? ' ' : line.charAt(0);
                if (c == '-' || c == '+') {
                    if (runOld < 0) {
                        runOld = oldLine;
                        runNew = newLine;
                    }
                    if (c == '-') {
                        removed.set(oldLine++);
                        runRemoved++;
                    } else {
                        added.set(newLine++);
                        runAdded++;
                    }
                } else if (c != '\\') {
                    if (runOld >= 0) {
                        edits.add(new LineEdit(runOld, runRemoved, runNew, runAdded));
                        runOld = -1;
                        runRemoved = 0;
                        runAdded = 0;
                    }
                    oldLine++;
                    newLine++;
                }
                i++;
            }
            if (runOld >= 0) {
                edits.add(new LineEdit(runOld, runRemoved, runNew, runAdded));
            }
            hunks.add(new Hunk(text.toString(), oldStart, oldCount, newStart, newCount));
        }
        return new PatchEdits(hunks, added, removed, edits);
    }

    public List<LineEdit> edits() {
        return edits;
    }

    public boolean addedIn(int from, int to) {
        int next = added.nextSetBit(from);
        return next >= 0 && next <= to;
    }

    public boolean removedIn(int from, int to) {
        int next = removed.nextSetBit(from);
        return next >= 0 && next <= to;
    }

    public int countAdded(int from, int to) {
        return added.get(from, to + 1).cardinality();
    }

    public int countRemoved(int from, int to) {
        return removed.get(from, to + 1).cardinality();
    }

    public BitSet added() {
        return added;
    }

    public BitSet removed() {
        return removed;
    }

    /** The hunks touching new lines {@code [newFrom, newTo]} or old lines {@code [oldFrom, oldTo]}. */
    public List<String> hunksTouching(int newFrom, int newTo, int oldFrom, int oldTo) {
        List<String> result = new ArrayList<>();
        for (Hunk h : hunks) {
            if (newFrom > 0 && h.touchesNew(newFrom, newTo) || oldFrom > 0 && h.touchesOld(oldFrom, oldTo)) {
                result.add(h.text());
            }
        }
        return result;
    }
}
