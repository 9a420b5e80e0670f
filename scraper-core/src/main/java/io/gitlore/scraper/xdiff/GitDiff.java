package io.gitlore.scraper.xdiff;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Line diff of two file bodies as {@code git diff --histogram} computes it (git 2.39's xdiff: histogram diff with
 * its classic-diff fallback, then hunk compaction with the indent heuristic): the edits and hunks of the patch as
 * git prints them, and the line counts {@code git diff --numstat} prints.
 *
 * <p>The two can disagree, in git as here: for counts without context lines git first cuts the files' common tail
 * in 1 KB blocks ({@code trim_common_tail} in xdiff-interface.c), and on the shorter files the histogram diff can
 * pick other common lines (11 of 80,000 distinct file changes of rust-analyzer). The counts therefore come from a
 * second histogram pass over the cut files, which reuses the line classes and needs no compaction.
 */
public final class GitDiff {

    private static final int TAIL_BLOCK = 1024;

    private final Lines lines;
    private final EditList edits;
    private final int insertions;
    private final int deletions;

    private GitDiff(Lines lines, EditList edits, int insertions, int deletions) {
        this.lines = lines;
        this.edits = edits;
        this.insertions = insertions;
        this.deletions = deletions;
    }

    public static GitDiff of(byte[] a, byte[] b) {
        Lines lines = Lines.of(a, b);
        int n1 = lines.sizeA();
        int n2 = lines.sizeB();
        boolean[] changed1 = new boolean[n1 + 2];
        boolean[] changed2 = new boolean[n2 + 2];
        Histogram.diff(lines, n1, n2, changed1, changed2);
        int[] counts;
        int cut = trimmedTail(a, b);
        if (cut == 0) {
            counts = new int[] {count(changed2), count(changed1)};
        } else {
            int m1 = lineAt(lines.startA, a.length - cut);
            int m2 = lineAt(lines.startB, b.length - cut);
            boolean[] short1 = new boolean[m1 + 2];
            boolean[] short2 = new boolean[m2 + 2];
            Histogram.diff(lines, m1, m2, short1, short2);
            counts = new int[] {count(short2), count(short1)};
        }
        Compaction.Side side1 = new Compaction.Side(lines.classA, lines.a, lines.startA, changed1);
        Compaction.Side side2 = new Compaction.Side(lines.classB, lines.b, lines.startB, changed2);
        Compaction.compact(side1, side2);
        Compaction.compact(side2, side1);
        return new GitDiff(lines, script(changed1, n1, changed2, n2), counts[0], counts[1]);
    }

    public EditList edits() {
        return edits;
    }

    /** Added lines as {@code git diff --numstat} counts them. */
    public int insertions() {
        return insertions;
    }

    /** Deleted lines as {@code git diff --numstat} counts them. */
    public int deletions() {
        return deletions;
    }

    /**
     * trim_common_tail: how many bytes git cuts from the end of both files before counting: whole 1 KB blocks of
     * common tail, given back up to and including the first newline among them, so the cut falls after a line.
     */
    static int trimmedTail(byte[] a, byte[] b) {
        int smaller = Math.min(a.length, b.length);
        int trimmed = 0;
        while (TAIL_BLOCK + trimmed <= smaller && Arrays.equals(a, a.length - trimmed - TAIL_BLOCK,
                a.length - trimmed, b, b.length - trimmed - TAIL_BLOCK, b.length - trimmed)) {
            trimmed += TAIL_BLOCK;
        }
        int cut = a.length - trimmed;
        int recovered = 0;
        while (recovered < trimmed) {
            if (a[cut + recovered++] == '\n') {
                break;
            }
        }
        return trimmed - recovered;
    }

    /** The number of lines before byte {@code offset}, which starts a line. */
    private static int lineAt(int[] starts, int offset) {
        int line = Arrays.binarySearch(starts, offset);
        if (line < 0) {
            throw new IllegalStateException("the common tail is cut inside a line");
        }
        return line;
    }

    private static int count(boolean[] changed) {
        int n = 0;
        for (boolean c : changed) {
            n += c ? 1 : 0;
        }
        return n;
    }

    /** Appends the patch's hunks (everything after the {@code +++} line) to {@code out}. */
    public void writeHunks(ByteArrayOutputStream out) {
        Hunks.write(lines, edits, out);
    }

    /** xdl_build_script: a change wherever either side has changed lines, walking both sides back in step. */
    private static EditList script(boolean[] changed1, int n1, boolean[] changed2, int n2) {
        List<Edit> edits = new ArrayList<>();
        for (int i1 = n1, i2 = n2; i1 >= 0 || i2 >= 0; i1--, i2--) {
            if (at(changed1, i1 - 1) || at(changed2, i2 - 1)) {
                int l1 = i1;
                while (at(changed1, i1 - 1)) {
                    i1--;
                }
                int l2 = i2;
                while (at(changed2, i2 - 1)) {
                    i2--;
                }
                edits.add(new Edit(i1, l1, i2, l2));
            }
        }
        Collections.reverse(edits);
        EditList list = new EditList(edits.size());
        list.addAll(edits);
        return list;
    }

    private static boolean at(boolean[] changed, int line) {
        return line >= 0 && changed[line + 1];
    }
}
