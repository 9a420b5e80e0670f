// Ported from git 2.39 xdiff/xprepare.c (GNU LGPL 2.1 or later); see package-info.java.
package io.gitlore.scraper.xdiff;

import java.util.Arrays;

/**
 * The preparation of git's classic diff ({@code xdl_trim_ends} and {@code xdl_cleanup_records}) for one region:
 * trims the common start and end, marks lines with no match on the other side as changed, and sets aside lines with
 * very many matches that sit among unmatched ones; yields the lines left for the comparison, as absolute indexes
 * and classes.
 */
record Discards(int[] index1, int[] classes1, int[] index2, int[] classes2) {

    private static final int MAX_EQLIMIT = 1024;
    private static final int KPDIS_RUN = 4;
    private static final int SIMSCAN_WINDOW = 100;

    static Discards of(int[] class1, int[] class2, int classes, int off1, int n1, int off2, int n2,
                       boolean[] changed1, boolean[] changed2) {
        int lim = Math.min(n1, n2);
        int start = 0;
        while (start < lim && class1[off1 + start] == class2[off2 + start]) {
            start++;
        }
        int tail = 0;
        while (tail < lim - start && class1[off1 + n1 - 1 - tail] == class2[off2 + n2 - 1 - tail]) {
            tail++;
        }
        int end1 = n1 - tail - 1;
        int end2 = n2 - tail - 1;
        // Occurrences are counted over the whole region, as git counts them over the fallback's own sub-files.
        int[] in1 = occurrences(class1, off1, n1, classes);
        int[] in2 = occurrences(class2, off2, n2, classes);
        byte[] dis1 = discards(class1, off1, start, end1, in2, Math.min(Classic.bogosqrt(n1), MAX_EQLIMIT));
        byte[] dis2 = discards(class2, off2, start, end2, in1, Math.min(Classic.bogosqrt(n2), MAX_EQLIMIT));
        int[] index1 = kept(dis1, start, end1, off1, changed1);
        int[] index2 = kept(dis2, start, end2, off2, changed2);
        return new Discards(index1, classesOf(class1, index1), index2, classesOf(class2, index2));
    }

    private static int[] classesOf(int[] classes, int[] index) {
        int[] out = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = classes[index[i]];
        }
        return out;
    }

    private static int[] occurrences(int[] classes, int off, int n, int classCount) {
        int[] counts = new int[classCount];
        for (int i = off; i < off + n; i++) {
            counts[classes[i]]++;
        }
        return counts;
    }

    /** 0: no match on the other side, 1: some, 2: at least {@code mlim} (a candidate for discarding). */
    private static byte[] discards(int[] classes, int off, int start, int end, int[] other, int mlim) {
        byte[] dis = new byte[Math.max(0, end + 1)];
        for (int i = start; i <= end; i++) {
            int nm = other[classes[off + i]];
            dis[i] = (byte) (nm == 0 ? 0 : nm >= mlim ? 2 : 1);
        }
        return dis;
    }

    /** The region's lines that take part in the comparison (as absolute indexes); the others are changed. */
    private static int[] kept(byte[] dis, int start, int end, int off, boolean[] changed) {
        int[] kept = new int[Math.max(0, end - start + 1)];
        int n = 0;
        for (int i = start; i <= end; i++) {
            if (dis[i] == 1 || dis[i] == 2 && !cleanMatch(dis, i, start, end)) {
                kept[n++] = off + i;
            } else {
                changed[off + i + 1] = true;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    /** xdl_clean_mmatch: whether a many-match line sits in a run of unmatched lines, and so can be set aside. */
    private static boolean cleanMatch(byte[] dis, int i, int s, int e) {
        if (i - s > SIMSCAN_WINDOW) {
            s = i - SIMSCAN_WINDOW;
        }
        if (e - i > SIMSCAN_WINDOW) {
            e = i + SIMSCAN_WINDOW;
        }
        int rdis0 = 0;
        int rpdis0 = 1;
        for (int r = 1; i - r >= s; r++) {
            if (dis[i - r] == 0) {
                rdis0++;
            } else if (dis[i - r] == 2) {
                rpdis0++;
            } else {
                break;
            }
        }
        if (rdis0 == 0) {
            return false;
        }
        int rdis1 = 0;
        int rpdis1 = 1;
        for (int r = 1; i + r <= e; r++) {
            if (dis[i + r] == 0) {
                rdis1++;
            } else if (dis[i + r] == 2) {
                rpdis1++;
            } else {
                break;
            }
        }
        if (rdis1 == 0) {
            return false;
        }
        rdis1 += rdis0;
        rpdis1 += rpdis0;
        return rpdis1 * KPDIS_RUN < rpdis1 + rdis1;
    }
}
