// Ported from git 2.39 xdiff/xdiffi.c (GNU LGPL 2.1 or later); see package-info.java.
package io.gitlore.scraper.xdiff;

/**
 * git's {@code xdl_change_compact} (git 2.39) for one side of a diff: slides each group of changed lines up and
 * down over lines equal to it, lines it up with a change on the other side when it can, and otherwise puts it
 * where git's indent heuristic (on by default since git 2.14) scores it best. Sliding never changes how many lines
 * are added or deleted; it decides where the hunks of the patch start, so the patch reads as git prints it.
 */
final class Compaction {

    private static final int MAX_INDENT = 200;
    private static final int MAX_BLANKS = 20;
    private static final int START_OF_FILE_PENALTY = 1;
    private static final int END_OF_FILE_PENALTY = 21;
    private static final int TOTAL_BLANK_WEIGHT = -30;
    private static final int POST_BLANK_WEIGHT = 6;
    private static final int RELATIVE_INDENT_PENALTY = -4;
    private static final int RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
    private static final int RELATIVE_OUTDENT_PENALTY = 24;
    private static final int RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
    private static final int RELATIVE_DEDENT_PENALTY = 23;
    private static final int RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
    private static final int INDENT_WEIGHT = 60;
    private static final int INDENT_HEURISTIC_MAX_SLIDING = 100;

    /** One side: its lines' classes and bytes, and its changed flags (line {@code i} at {@code changed[i + 1]}). */
    record Side(int[] classes, byte[] text, int[] starts, boolean[] changed) {
        int size() {
            return classes.length;
        }

        boolean rchg(int line) {
            return changed[line + 1];
        }

        void set(int line, boolean value) {
            changed[line + 1] = value;
        }
    }

    /** A run of changed lines {@code [start, end)}; empty when start == end. */
    private static final class Group {
        int start;
        int end;

        Group(Side side) {
            while (side.rchg(end)) {
                end++;
            }
        }

        boolean next(Side side) {
            if (end == side.size()) {
                return false;
            }
            start = end + 1;
            for (end = start; side.rchg(end); end++) {
                // extend over the changed lines
            }
            return true;
        }

        boolean previous(Side side) {
            if (start == 0) {
                return false;
            }
            end = start - 1;
            for (start = end; side.rchg(start - 1); start--) {
                // extend over the changed lines
            }
            return true;
        }

        boolean slideDown(Side side) {
            if (end < side.size() && side.classes()[start] == side.classes()[end]) {
                side.set(start++, false);
                side.set(end++, true);
                while (side.rchg(end)) {
                    end++;
                }
                return true;
            }
            return false;
        }

        boolean slideUp(Side side) {
            if (start > 0 && side.classes()[start - 1] == side.classes()[end - 1]) {
                side.set(--start, true);
                side.set(--end, false);
                while (side.rchg(start - 1)) {
                    start--;
                }
                return true;
            }
            return false;
        }
    }

    private Compaction() {
    }

    /** Compacts the groups of {@code side}, keeping {@code other}'s groups in step. */
    static void compact(Side side, Side other) {
        Group g = new Group(side);
        Group go = new Group(other);
        while (true) {
            if (g.end != g.start) {
                slide(side, other, g, go);
            }
            if (!g.next(side)) {
                break;
            }
            check(go.next(other), "moving to the next group");
        }
    }

    private static void slide(Side side, Side other, Group g, Group go) {
        int groupSize;
        int earliestEnd;
        int endMatchingOther;
        do {
            groupSize = g.end - g.start;
            endMatchingOther = -1;
            while (g.slideUp(side)) {
                check(go.previous(other), "sliding up");
            }
            earliestEnd = g.end;
            if (go.end > go.start) {
                endMatchingOther = g.end;
            }
            while (g.slideDown(side)) {
                check(go.next(other), "sliding down");
                if (go.end > go.start) {
                    endMatchingOther = g.end;
                }
            }
        } while (groupSize != g.end - g.start);

        if (g.end == earliestEnd) {
            return; // no shifting possible
        }
        if (endMatchingOther != -1) {
            while (go.end == go.start) { // line up with the other side's change
                check(g.slideUp(side), "sliding to the match");
                check(go.previous(other), "sliding to the match");
            }
            return;
        }
        int shift = Math.max(earliestEnd, Math.max(g.end - groupSize - 1, g.end - INDENT_HEURISTIC_MAX_SLIDING));
        int bestShift = -1;
        int bestIndent = 0;
        int bestPenalty = 0;
        for (; shift <= g.end; shift++) {
            int[] score = new int[2];
            scoreSplit(side, shift, score);
            scoreSplit(side, shift - groupSize, score);
            if (bestShift == -1 || compare(score[0], score[1], bestIndent, bestPenalty) <= 0) {
                bestIndent = score[0];
                bestPenalty = score[1];
                bestShift = shift;
            }
        }
        while (g.end > bestShift) {
            check(g.slideUp(side), "best shift unreached");
            check(go.previous(other), "sliding to the best shift");
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("diff groups out of step " + what);
        }
    }

    private static int compare(int indent1, int penalty1, int indent2, int penalty2) {
        int cmpIndents = Integer.compare(indent1, indent2);
        return INDENT_WEIGHT * cmpIndents + (penalty1 - penalty2);
    }

    /** measure_split and score_add_split: adds the split above line {@code split} to {effective indent, penalty}. */
    private static void scoreSplit(Side side, int split, int[] score) {
        boolean endOfFile = split >= side.size();
        int indent = endOfFile ? -1 : indent(side, split);
        int preBlank = 0;
        int preIndent = -1;
        for (int i = split - 1; i >= 0; i--) {
            preIndent = indent(side, i);
            if (preIndent != -1) {
                break;
            }
            preBlank++;
            if (preBlank == MAX_BLANKS) {
                preIndent = 0;
                break;
            }
        }
        int postBlank = 0;
        int postIndent = -1;
        for (int i = split + 1; i < side.size(); i++) {
            postIndent = indent(side, i);
            if (postIndent != -1) {
                break;
            }
            postBlank++;
            if (postBlank == MAX_BLANKS) {
                postIndent = 0;
                break;
            }
        }

        int penalty = 0;
        if (preIndent == -1 && preBlank == 0) {
            penalty += START_OF_FILE_PENALTY;
        }
        if (endOfFile) {
            penalty += END_OF_FILE_PENALTY;
        }
        int blanksAfter = indent == -1 ? 1 + postBlank : 0;
        int totalBlank = preBlank + blanksAfter;
        penalty += TOTAL_BLANK_WEIGHT * totalBlank;
        penalty += POST_BLANK_WEIGHT * blanksAfter;
        int effective = indent != -1 ? indent : postIndent;
        boolean anyBlanks = totalBlank != 0;
        score[0] += effective;
        if (effective == -1 || preIndent == -1 || effective == preIndent) {
            // no adjustment: end of file, start of file, or the same indentation
        } else if (effective > preIndent) {
            penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
        } else if (postIndent != -1 && postIndent > effective) {
            penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
        } else {
            penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
        }
        score[1] += penalty;
    }

    /** get_indent: columns of leading white space (a tab to the next multiple of 8), -1 for a blank line. */
    private static int indent(Side side, int line) {
        byte[] text = side.text();
        int ret = 0;
        for (int i = side.starts()[line]; i < side.starts()[line + 1]; i++) {
            byte c = text[i];
            if (!isSpace(c)) {
                return ret;
            } else if (c == ' ') {
                ret += 1;
            } else if (c == '\t') {
                ret += 8 - ret % 8;
            }
            if (ret >= MAX_INDENT) {
                return MAX_INDENT;
            }
        }
        return -1;
    }

    /** git's own isspace (its locale-independent ctype table): space, tab, newline and carriage return only. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
