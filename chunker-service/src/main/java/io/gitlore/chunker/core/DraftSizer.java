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

    List<Draft> sized(List<Draft> drafts, PatchEdits edits) {
        List<Draft> result = new ArrayList<>();
        for (Draft d : drafts) {
            if (Tokens.estimate(d.code()) <= maxTokens || d.container()) {
                result.add(d);
            } else {
                result.addAll(split(d, edits));
            }
        }
        result.sort(Comparator.comparingInt(Draft::firstLine));
        return merged(result);
    }

    /**
     * Splits an oversized unit at inner boundaries: lines at the unit's shallowest inner indentation (statement
     * starts) or blank lines, never exceeding the token budget; only parts that hold a change are kept for
     * modified units.
     */
    private List<Draft> split(Draft d, PatchEdits edits) {
        boolean newSide = d.newSide().code() != null;
        String[] lines = Lines.of(d.code());
        int base = newSide ? d.newSide().start() : d.oldSide().start();
        int inner = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                inner = Math.min(inner, Lines.indent(lines[i]));
            }
        }
        List<int[]> parts = new ArrayList<>();
        int start = 0;
        int tokens = 0;
        int lastBoundary = -1;
        for (int i = 0; i < lines.length; i++) {
            int t = Tokens.estimate(lines[i]) + 1;
            if (tokens + t > maxTokens && i > start) {
                int cut = lastBoundary > start + (i - start) / 3 ? lastBoundary : i;
                parts.add(new int[] {start, cut - 1});
                start = cut;
                tokens = 0;
                for (int j = cut; j < i; j++) {
                    tokens += Tokens.estimate(lines[j]) + 1;
                }
                lastBoundary = -1;
            }
            if (i > start && (lines[i].isBlank() || Lines.indent(lines[i]) <= inner)) {
                lastBoundary = i;
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

    /** Merges runs of adjacent tiny chunks of the same kind and change into one chunk up to the token budget. */
    private List<Draft> merged(List<Draft> drafts) {
        List<Draft> result = new ArrayList<>();
        for (Draft d : drafts) {
            Draft last = result.isEmpty() ? null : result.get(result.size() - 1);
            if (last != null && mergeable(last, d)) {
                result.set(result.size() - 1, merge(last, d));
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

    private static Draft merge(Draft a, Draft b) {
        return Draft.builder(a.label().mergedWith(b.label()), a.change())
                .newSide(a.newSide().start(), Math.max(a.newSide().end(), b.newSide().end()),
                        join(a.newSide().code(), b.newSide().code()))
                .oldSide(a.oldSide().start(), Math.max(a.oldSide().end(), b.oldSide().end()),
                        join(a.oldSide().code(), b.oldSide().code()))
                .complexity(sum(a.complexityBefore(), b.complexityBefore()),
                        sum(a.complexityAfter(), b.complexityAfter()))
                .fallback(a.fallback() || b.fallback()).build();
    }

    private static String join(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }

    private static Integer sum(Integer a, Integer b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a + b;
    }
}
