// Ported from git 2.39 xdiff/xhistogram.c (Eclipse Distribution License 1.0); see package-info.java.
package io.gitlore.scraper.xdiff;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * git's histogram diff ({@code xdiff/xhistogram.c} as of git 2.39), from the lines' classes to the changed-line
 * flags of both sides.
 *
 * <p>It differs from JGit's {@code HistogramDiff} where that gives different results: it runs on the whole files
 * (JGit first trims the common start and end, which changes which common lines are the rarest), and where every
 * common line of a region occurs more than 64 times it hands the region to {@link Classic}, git's Myers diff with
 * its cost limits (JGit's fallback is an unbounded Myers diff: seconds on a large repetitive file, where git takes
 * milliseconds, and a different alignment).
 *
 * <p>Lines are numbered from 1 as in xdiff, so line {@code n}'s flag is {@code changed[n]}; 0 means "none" in the
 * occurrence chains.
 */
final class Histogram {

    private static final int MAX_CHAIN_LENGTH = 64;

    private final int[] class1;
    private final int[] class2;
    private final boolean[] changed1;
    private final boolean[] changed2;
    /** Per class: its first occurrence in the region of A being indexed (0 = none), and how many there are. */
    private final int[] firstPtr;
    private final int[] count;
    /** Per line of A in the region: the next occurrence of the same line, 0 after the last. */
    private int[] nextPtr = new int[16];

    // the state of one find_lcs
    private int ptrShift;
    private int bestCount;
    private boolean hasCommon;
    private int begin1;
    private int end1;
    private int begin2;
    private int end2;

    private Histogram(Lines lines, boolean[] changed1, boolean[] changed2) {
        this.class1 = lines.classA;
        this.class2 = lines.classB;
        this.changed1 = changed1;
        this.changed2 = changed2;
        this.firstPtr = new int[lines.classes];
        this.count = new int[lines.classes];
    }

    /** Marks the changed lines of both sides in {@code changed1}/{@code changed2} (1-based, as in xdiff). */
    static void diff(Lines lines, boolean[] changed1, boolean[] changed2) {
        new Histogram(lines, changed1, changed2).run(1, lines.sizeA(), 1, lines.sizeB());
    }

    private int cls1(int line) {
        return class1[line - 1];
    }

    private int cls2(int line) {
        return class2[line - 1];
    }

    /** histogram_diff: the regions left and right of each LCS are independent, so a work list replaces recursion. */
    private void run(int line1, int count1, int line2, int count2) {
        ArrayDeque<int[]> regions = new ArrayDeque<>();
        regions.push(new int[] {line1, count1, line2, count2});
        while (!regions.isEmpty()) {
            int[] r = regions.pop();
            int l1 = r[0];
            int c1 = r[1];
            int l2 = r[2];
            int c2 = r[3];
            if (c1 <= 0 && c2 <= 0) {
                continue;
            }
            if (c1 == 0) {
                Arrays.fill(changed2, l2, l2 + c2, true);
                continue;
            }
            if (c2 == 0) {
                Arrays.fill(changed1, l1, l1 + c1, true);
                continue;
            }
            if (findLcs(l1, c1, l2, c2)) {
                Classic.diff(class1, class2, firstPtr.length, l1 - 1, c1, l2 - 1, c2, changed1, changed2);
            } else if (begin1 == 0 && begin2 == 0) {
                Arrays.fill(changed1, l1, l1 + c1, true);
                Arrays.fill(changed2, l2, l2 + c2, true);
            } else {
                int e1 = end1;
                int e2 = end2;
                regions.push(new int[] {e1 + 1, l1 + c1 - 1 - e1, e2 + 1, l2 + c2 - 1 - e2});
                regions.push(new int[] {l1, begin1 - l1, l2, begin2 - l2});
            }
        }
    }

    /**
     * find_lcs: indexes the region of A, then looks for the longest common run of lines whose rarest line occurs
     * least often in A. Returns {@code true} when the region must go to the fallback: A and B share lines, but each
     * of them occurs more than 64 times.
     */
    private boolean findLcs(int line1, int count1, int line2, int count2) {
        ptrShift = line1;
        if (nextPtr.length < count1) {
            nextPtr = new int[Math.max(count1, nextPtr.length * 2)];
        }
        int end = line1 + count1 - 1;
        for (int ptr = end; ptr >= line1; ptr--) { // scanA
            int c = cls1(ptr);
            nextPtr[ptr - ptrShift] = firstPtr[c];
            firstPtr[c] = ptr;
            count[c]++;
        }
        bestCount = MAX_CHAIN_LENGTH + 1;
        hasCommon = false;
        begin1 = end1 = begin2 = end2 = 0;
        int lineEnd2 = line2 + count2 - 1;
        for (int bPtr = line2; bPtr <= lineEnd2;) {
            bPtr = tryLcs(bPtr, line1, count1, line2, count2);
        }
        for (int ptr = line1; ptr <= end; ptr++) {
            int c = cls1(ptr);
            firstPtr[c] = 0;
            count[c] = 0;
        }
        return hasCommon && MAX_CHAIN_LENGTH < bestCount;
    }

    private int tryLcs(int bPtr, int line1, int count1, int line2, int count2) {
        int bNext = bPtr + 1;
        int c = cls2(bPtr);
        int occurrences = count[c];
        if (occurrences == 0) {
            return bNext; // not in this region of A
        }
        if (occurrences > bestCount) {
            hasCommon = true;
            return bNext;
        }
        hasCommon = true;
        int lineEnd1 = line1 + count1 - 1;
        int lineEnd2 = line2 + count2 - 1;
        int as = firstPtr[c];
        while (true) {
            int np = nextPtr[as - ptrShift];
            int bs = bPtr;
            int ae = as;
            int be = bs;
            int rc = occurrences;
            while (line1 < as && line2 < bs && cls1(as - 1) == cls2(bs - 1)) {
                as--;
                bs--;
                if (1 < rc) {
                    rc = Math.min(rc, count[cls1(as)]);
                }
            }
            while (ae < lineEnd1 && be < lineEnd2 && cls1(ae + 1) == cls2(be + 1)) {
                ae++;
                be++;
                if (1 < rc) {
                    rc = Math.min(rc, count[cls1(ae)]);
                }
            }
            if (bNext <= be) {
                bNext = be + 1;
            }
            if (end1 - begin1 < ae - as || rc < bestCount) {
                begin1 = as;
                begin2 = bs;
                end1 = ae;
                end2 = be;
                bestCount = rc;
            }
            if (np == 0) {
                return bNext;
            }
            while (np <= ae) {
                np = nextPtr[np - ptrShift];
                if (np == 0) {
                    return bNext;
                }
            }
            as = np;
        }
    }
}
