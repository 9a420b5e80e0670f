// Ported from git 2.39 xdiff/xdiffi.c (GNU LGPL 2.1 or later); see package-info.java.
package io.gitlore.scraper.xdiff;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Line diff of two file bodies as {@code git diff --histogram} computes it (git 2.39's xdiff: histogram diff with
 * its classic-diff fallback, then hunk compaction with the indent heuristic): the edits and hunks of the patch as
 * git prints them, and the line counts {@code git diff --numstat} prints.
 *
 * <p>git cuts the files' common tail before diffing only when it prints no context ({@code -U0}); the patch and
 * {@code --numstat} both diff the whole files, as this does.
 */
public final class GitDiff {

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
        Histogram.diff(lines, changed1, changed2);
        int insertions = count(changed2);
        int deletions = count(changed1);
        Compaction.Side side1 = new Compaction.Side(lines.classA, lines.a, lines.startA, changed1);
        Compaction.Side side2 = new Compaction.Side(lines.classB, lines.b, lines.startB, changed2);
        Compaction.compact(side1, side2);
        Compaction.compact(side2, side1);
        return new GitDiff(lines, script(changed1, n1, changed2, n2), insertions, deletions);
    }

    /** Whether the old body is pure ASCII (and so valid UTF-8). */
    public boolean asciiOld() {
        return lines.asciiA;
    }

    public boolean asciiNew() {
        return lines.asciiB;
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
