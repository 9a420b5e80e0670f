package io.gitlore.chunker.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.gitlore.chunker.core.ChangeClassifier.UnitChange;
import io.gitlore.chunker.text.Tokens;

/**
 * Brings a file's drafts between the token bounds: splits units over the maximum at inner boundaries, merges runs
 * of adjacent small drafts, and returns them in line order.
 */
final class DraftSizer {

    /** Drafts at most this many lines apart count as adjacent for merging. */
    private static final int ADJACENT_LINES = 3;

    private final int minTokens;
    private final int maxTokens;

    DraftSizer(int minTokens, int maxTokens) {
        this.minTokens = minTokens;
        this.maxTokens = maxTokens;
    }

    /** The drafts of one file, sized; {@code newLines} and {@code oldLines} are the file's two versions. */
    List<Draft> sized(List<Draft> drafts, PatchEdits edits, String[] newLines, String[] oldLines) {
        List<Draft> result = new ArrayList<>();
        for (Draft d : drafts) {
            if (Tokens.estimate(d.code()) <= maxTokens || d.container()) {
                result.add(d);
            } else {
                result.addAll(split(d, edits));
            }
        }
        result.sort(Comparator.comparingInt(Draft::firstLine));
        return merged(result, newLines, oldLines);
    }

    /**
     * Splits an oversized unit into parts within the token budget, each starting where a statement or item starts
     * (from the syntax tree; for text, at lines of the shallowest inner indentation or blank lines, else anywhere).
     * Of the places a part may end, the shallowest in its last two thirds wins; a part grows past the budget rather
     * than cut a statement in two, up to twice the budget: a single statement longer than that with no boundary
     * inside (a long raw string, a macro body) is cut at its least indented line. Only parts that hold a change are
     * kept for modified units.
     */
    private List<Draft> split(Draft d, PatchEdits edits) {
        boolean newSide = d.newSide().code() != null;
        String[] lines = Lines.of(d.code());
        int base = newSide ? d.newSide().start() : d.oldSide().start();
        boolean[] cut = cutPoints(d, lines, base);
        List<int[]> parts = new ArrayList<>();
        int start = 0;
        int tokens = 0;
        for (int i = 0; i < lines.length; i++) {
            int t = Tokens.estimate(lines[i]) + 1;
            if (tokens + t > maxTokens && i > start) {
                int at = bestCut(cut, lines, start, i);
                if (at == start && d.boundaries() == null) {
                    at = i; // text has no statements to keep whole
                } else if (at == start && tokens > 2 * maxTokens) {
                    at = leastIndented(lines, start, i); // one statement over two parts' worth, nothing inside it
                }
                if (at > start) {
                    parts.add(new int[] {start, at - 1});
                    start = at;
                    tokens = 0;
                    for (int j = at; j < i; j++) {
                        tokens += Tokens.estimate(lines[j]) + 1;
                    }
                }
            }
            tokens += t;
        }
        parts.add(new int[] {start, lines.length - 1});
        List<Draft> result = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            int from = base + parts.get(p)[0];
            int to = base + parts.get(p)[1];
            boolean changed = d.change() != UnitChange.MODIFIED
                    || (newSide ? edits.addedIn(from, to) : edits.removedIn(from, to));
            if (!changed) {
                continue;
            }
            String code = String.join("\n", Arrays.copyOfRange(lines, parts.get(p)[0], parts.get(p)[1] + 1)) + "\n";
            Draft.Builder part = Draft.builder(d.label().part(" [" + (p + 1) + "/" + parts.size() + "]"), d.change())
                    .complexity(d.complexityBefore(), d.complexityAfter()).fallback(d.fallback());
            result.add((newSide ? part.newSide(from, to, code) : part.oldSide(from, to, code)).build());
        }
        return result;
    }

    /** The latest of the least indented non-blank lines in {@code (start, i]}; {@code start} if all are blank. */
    private static int leastIndented(String[] lines, int start, int i) {
        int best = start;
        for (int j = i; j > start; j--) {
            if (!lines[j].isBlank() && (best == start || Lines.indent(lines[j]) < Lines.indent(lines[best]))) {
                best = j;
            }
        }
        return best;
    }

    /** {@code cut[i]}: a part may start at the draft's line {@code i}. */
    private static boolean[] cutPoints(Draft d, String[] lines, int base) {
        boolean[] cut = new boolean[lines.length];
        if (d.boundaries() != null) {
            for (int i = 1; i < lines.length; i++) {
                cut[i] = d.boundaries().get(base + i);
            }
            return cut;
        }
        int inner = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                inner = Math.min(inner, Lines.indent(lines[i]));
            }
        }
        for (int i = 1; i < lines.length; i++) {
            cut[i] = lines[i].isBlank() || Lines.indent(lines[i]) <= inner;
        }
        return cut;
    }

    /**
     * Where the part that began at {@code start} ends, given that line {@code i} no longer fits: the least indented
     * cut point in the window's last two thirds (the latest of equals), else in the whole window; {@code start} when
     * there is none yet.
     */
    private static int bestCut(boolean[] cut, String[] lines, int start, int i) {
        int floor = start + (i - start) / 3;
        int best = start;
        for (int pass = 0; pass < 2 && best == start; pass++) {
            for (int j = i; j > (pass == 0 ? floor : start); j--) {
                if (cut[j] && (best == start || Lines.indent(lines[j]) < Lines.indent(lines[best]))) {
                    best = j;
                }
            }
        }
        return best;
    }

    /** Merges runs of adjacent tiny chunks of the same kind and change into one chunk up to the token budget. */
    private List<Draft> merged(List<Draft> drafts, String[] newLines, String[] oldLines) {
        List<Draft> result = new ArrayList<>();
        for (Draft d : drafts) {
            Draft last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (last != null && mergeable(last, d)) {
                result.set(result.size() - 1, merge(last, d, newLines, oldLines));
            } else {
                result.add(d);
            }
        }
        return result;
    }

    private boolean mergeable(Draft a, Draft b) {
        if (a.container() || b.container() || a.kind() != b.kind() || a.change() != b.change()
                || (a.newSide().code() == null) != (b.newSide().code() == null)
                || (a.oldSide().code() == null) != (b.oldSide().code() == null)) {
            return false;
        }
        int ta = Tokens.estimate(a.code());
        int tb = Tokens.estimate(b.code());
        boolean adjacent = a.newSide().code() != null ? b.newSide().start() - a.newSide().end() <= ADJACENT_LINES
                : b.oldSide().start() - a.oldSide().end() <= ADJACENT_LINES;
        return adjacent && (ta < minTokens || tb < minTokens) && ta + tb <= maxTokens;
    }

    /** Two drafts as one: the file's own lines from the first's start to the last end, blank lines between kept. */
    private static Draft merge(Draft a, Draft b, String[] newLines, String[] oldLines) {
        Draft.Builder merged = Draft.builder(a.label().mergedWith(b.label()), a.change())
                .complexity(sum(a.complexityBefore(), b.complexityBefore()),
                        sum(a.complexityAfter(), b.complexityAfter()))
                .fallback(a.fallback() || b.fallback());
        if (a.newSide().code() != null) {
            int start = Math.min(a.newSide().start(), b.newSide().start());
            int end = Math.max(a.newSide().end(), b.newSide().end());
            merged.newSide(start, end, Lines.slice(newLines, start, end));
        }
        if (a.oldSide().code() != null) {
            int start = Math.min(a.oldSide().start(), b.oldSide().start());
            int end = Math.max(a.oldSide().end(), b.oldSide().end());
            merged.oldSide(start, end, Lines.slice(oldLines, start, end));
        }
        return merged.build();
    }

    private static Integer sum(Integer a, Integer b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }
}
