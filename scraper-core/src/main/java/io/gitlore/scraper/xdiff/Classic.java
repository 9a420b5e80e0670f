// Ported from git 2.39 xdiff/xdiffi.c and xprepare.c (GNU LGPL 2.1 or later); see package-info.java.
package io.gitlore.scraper.xdiff;

import java.util.ArrayDeque;

/**
 * git's classic diff ({@code xdl_do_diff} without an algorithm flag, as git 2.39's histogram diff falls back to it):
 * Myers' O(ND) divide and conquer over the lines that can match, with xdiff's heuristics. It trims the common start
 * and end, sets aside lines with no match on the other side (and runs of lines with very many matches between
 * them), and gives up on a minimal path once the edit cost passes its limits; that is why git diffs a large
 * repetitive file in milliseconds, and the alignment those limits pick is the one git prints.
 *
 * <p>Works on one region of the two files: lines {@code [off1, off1 + n1)} of A and {@code [off2, off2 + n2)} of B
 * (0-based), marking {@code changed[line + 1]}.
 */
final class Classic {

    private static final int MAX_COST_MIN = 256;
    private static final int HEUR_MIN_COST = 256;
    private static final int SNAKE_CNT = 20;
    private static final int K_HEUR = 4;

    private final int[] ha1;
    private final int[] ha2;
    private final int[] rindex1;
    private final int[] rindex2;
    private final int[] kvdf;
    private final int[] kvdb;
    private final int kOffset;
    private final int mxcost;

    private Classic(int[] ha1, int[] rindex1, int[] ha2, int[] rindex2) {
        this.ha1 = ha1;
        this.ha2 = ha2;
        this.rindex1 = rindex1;
        this.rindex2 = rindex2;
        int ndiags = ha1.length + ha2.length + 3;
        this.kvdf = new int[ndiags + 1];
        this.kvdb = new int[ndiags + 1];
        this.kOffset = ha2.length + 1;
        this.mxcost = Math.max(bogosqrt(ndiags), MAX_COST_MIN);
    }

    /**
     * Marks the changed lines of the region: those {@link Discards} sets aside, and those Myers' algorithm finds
     * among the rest.
     */
    static void diff(int[] class1, int[] class2, int classes, int off1, int n1, int off2, int n2,
                     boolean[] changed1, boolean[] changed2) {
        Discards kept = Discards.of(class1, class2, classes, off1, n1, off2, n2, changed1, changed2);
        new Classic(kept.classes1(), kept.index1(), kept.classes2(), kept.index2()).compare(changed1, changed2);
    }

    static int bogosqrt(long n) {
        int i = 1;
        for (; n > 0; n >>= 2) {
            i <<= 1;
        }
        return i;
    }

    /** xdl_recs_cmp over the kept lines; boxes are independent, so a work list replaces the recursion. */
    private void compare(boolean[] changed1, boolean[] changed2) {
        ArrayDeque<int[]> boxes = new ArrayDeque<>();
        boxes.push(new int[] {0, ha1.length, 0, ha2.length, 0});
        int[] split = new int[4];
        while (!boxes.isEmpty()) {
            int[] box = boxes.pop();
            int off1 = box[0];
            int lim1 = box[1];
            int off2 = box[2];
            int lim2 = box[3];
            boolean needMin = box[4] != 0;
            while (off1 < lim1 && off2 < lim2 && ha1[off1] == ha2[off2]) {
                off1++;
                off2++;
            }
            while (off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] == ha2[lim2 - 1]) {
                lim1--;
                lim2--;
            }
            if (off1 == lim1) {
                for (; off2 < lim2; off2++) {
                    changed2[rindex2[off2] + 1] = true;
                }
            } else if (off2 == lim2) {
                for (; off1 < lim1; off1++) {
                    changed1[rindex1[off1] + 1] = true;
                }
            } else {
                split(off1, lim1, off2, lim2, needMin, split);
                boxes.push(new int[] {split[0], lim1, split[1], lim2, split[3]});
                boxes.push(new int[] {off1, split[0], off2, split[1], split[2]});
            }
        }
    }

    private int kf(int d) {
        return kvdf[d + kOffset];
    }

    private int kb(int d) {
        return kvdb[d + kOffset];
    }

    /** xdl_split: the middle snake of the box, or a good-enough split once the cost heuristics give up. */
    private void split(int off1, int lim1, int off2, int lim2, boolean needMin, int[] spl) {
        final int k = kOffset;
        int dmin = off1 - lim2;
        int dmax = lim1 - off2;
        int fmid = off1 - off2;
        int bmid = lim1 - lim2;
        boolean odd = ((fmid - bmid) & 1) != 0;
        int fmin = fmid;
        int fmax = fmid;
        int bmin = bmid;
        int bmax = bmid;
        kvdf[fmid + k] = off1;
        kvdb[bmid + k] = lim1;
        for (int ec = 1;; ec++) {
            boolean gotSnake = false;
            if (fmin > dmin) {
                kvdf[--fmin - 1 + k] = -1;
            } else {
                ++fmin;
            }
            if (fmax < dmax) {
                kvdf[++fmax + 1 + k] = -1;
            } else {
                --fmax;
            }
            for (int d = fmax; d >= fmin; d -= 2) {
                int i1 = kf(d - 1) >= kf(d + 1) ? kf(d - 1) + 1 : kf(d + 1);
                int prev1 = i1;
                int i2 = i1 - d;
                for (; i1 < lim1 && i2 < lim2 && ha1[i1] == ha2[i2]; i1++, i2++) {
                    // follow the snake
                }
                if (i1 - prev1 > SNAKE_CNT) {
                    gotSnake = true;
                }
                kvdf[d + k] = i1;
                if (odd && bmin <= d && d <= bmax && kb(d) <= i1) {
                    set(spl, i1, i2, true, true);
                    return;
                }
            }
            if (bmin > dmin) {
                kvdb[--bmin - 1 + k] = Integer.MAX_VALUE;
            } else {
                ++bmin;
            }
            if (bmax < dmax) {
                kvdb[++bmax + 1 + k] = Integer.MAX_VALUE;
            } else {
                --bmax;
            }
            for (int d = bmax; d >= bmin; d -= 2) {
                int i1 = kb(d - 1) < kb(d + 1) ? kb(d - 1) : kb(d + 1) - 1;
                int prev1 = i1;
                int i2 = i1 - d;
                for (; i1 > off1 && i2 > off2 && ha1[i1 - 1] == ha2[i2 - 1]; i1--, i2--) {
                    // follow the snake backwards
                }
                if (prev1 - i1 > SNAKE_CNT) {
                    gotSnake = true;
                }
                kvdb[d + k] = i1;
                if (!odd && fmin <= d && d <= fmax && i1 <= kf(d)) {
                    set(spl, i1, i2, true, true);
                    return;
                }
            }
            if (needMin) {
                continue;
            }
            if (gotSnake && ec > HEUR_MIN_COST && goodSnake(off1, lim1, off2, lim2, ec, fmin, fmax, fmid, bmin,
                    bmax, bmid, spl)) {
                return;
            }
            if (ec >= mxcost) {
                furthest(off1, lim1, off2, lim2, fmin, fmax, bmin, bmax, spl);
                return;
            }
        }
    }

    /** The heuristic cut: a diagonal far along with a snake of at least SNAKE_CNT lines behind (or ahead of) it. */
    private boolean goodSnake(int off1, int lim1, int off2, int lim2, int ec, int fmin, int fmax, int fmid,
                              int bmin, int bmax, int bmid, int[] spl) {
        long best = 0;
        for (int d = fmax; d >= fmin; d -= 2) {
            int dd = d > fmid ? d - fmid : fmid - d;
            int i1 = kf(d);
            int i2 = i1 - d;
            long v = (long) (i1 - off1) + (i2 - off2) - dd;
            if (v > (long) K_HEUR * ec && v > best && off1 + SNAKE_CNT <= i1 && i1 < lim1
                    && off2 + SNAKE_CNT <= i2 && i2 < lim2) {
                for (int j = 1; ha1[i1 - j] == ha2[i2 - j]; j++) {
                    if (j == SNAKE_CNT) {
                        best = v;
                        spl[0] = i1;
                        spl[1] = i2;
                        break;
                    }
                }
            }
        }
        if (best > 0) {
            spl[2] = 1;
            spl[3] = 0;
            return true;
        }
        for (int d = bmax; d >= bmin; d -= 2) {
            int dd = d > bmid ? d - bmid : bmid - d;
            int i1 = kb(d);
            int i2 = i1 - d;
            long v = (long) (lim1 - i1) + (lim2 - i2) - dd;
            if (v > (long) K_HEUR * ec && v > best && off1 < i1 && i1 <= lim1 - SNAKE_CNT
                    && off2 < i2 && i2 <= lim2 - SNAKE_CNT) {
                for (int j = 0; ha1[i1 + j] == ha2[i2 + j]; j++) {
                    if (j == SNAKE_CNT - 1) {
                        best = v;
                        spl[0] = i1;
                        spl[1] = i2;
                        break;
                    }
                }
            }
        }
        if (best > 0) {
            spl[2] = 0;
            spl[3] = 1;
            return true;
        }
        return false;
    }

    /** "Enough is enough": the furthest-reaching forward or backward path, by the (i1 + i2) measure. */
    private void furthest(int off1, int lim1, int off2, int lim2, int fmin, int fmax, int bmin, int bmax,
                          int[] spl) {
        long fbest = -1;
        int fbest1 = -1;
        for (int d = fmax; d >= fmin; d -= 2) {
            int i1 = Math.min(kf(d), lim1);
            int i2 = i1 - d;
            if (lim2 < i2) {
                i1 = lim2 + d;
                i2 = lim2;
            }
            if (fbest < (long) i1 + i2) {
                fbest = (long) i1 + i2;
                fbest1 = i1;
            }
        }
        long bbest = Long.MAX_VALUE;
        int bbest1 = Integer.MAX_VALUE;
        for (int d = bmax; d >= bmin; d -= 2) {
            int i1 = Math.max(off1, kb(d));
            int i2 = i1 - d;
            if (i2 < off2) {
                i1 = off2 + d;
                i2 = off2;
            }
            if ((long) i1 + i2 < bbest) {
                bbest = (long) i1 + i2;
                bbest1 = i1;
            }
        }
        if ((long) lim1 + lim2 - bbest < fbest - ((long) off1 + off2)) {
            set(spl, fbest1, (int) (fbest - fbest1), true, false);
        } else {
            set(spl, bbest1, (int) (bbest - bbest1), false, true);
        }
    }

    private static void set(int[] spl, int i1, int i2, boolean minLo, boolean minHi) {
        spl[0] = i1;
        spl[1] = i2;
        spl[2] = minLo ? 1 : 0;
        spl[3] = minHi ? 1 : 0;
    }
}
