package io.gitlore.scraper.xdiff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Both sides of one diff cut into lines (each with its end-of-line byte, as xdiff's records are), every line given
 * the number of its equivalence class: two lines are equal exactly when their classes are.
 *
 * <p>Classes are numbered in order of first appearance, old side first, as xdiff's classifier numbers them.
 */
final class Lines {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SEED = 0x2545F4914F6CDD1DL;

    final byte[] a;
    final byte[] b;
    /** Offsets where each line starts, plus one entry for the end: line {@code i} is {@code [start[i], start[i+1])}. */
    final int[] startA;
    final int[] startB;
    final int[] classA;
    final int[] classB;
    final int classes;
    /** Whether every byte of the side is ASCII (seen for free by the split, it spares a UTF-8 check). */
    final boolean asciiA;
    final boolean asciiB;

    private Lines(byte[] a, byte[] b, Side sa, Side sb, int classes) {
        this.a = a;
        this.b = b;
        this.startA = sa.starts;
        this.startB = sb.starts;
        this.classA = sa.classes;
        this.classB = sb.classes;
        this.asciiA = sa.ascii;
        this.asciiB = sb.ascii;
        this.classes = classes;
    }

    static Lines of(byte[] a, byte[] b) {
        Table table = new Table(a.length / 16 + b.length / 16);
        Builder sa = new Builder(a.length / 24);
        sa.split(a, 0, a.length, table);
        Side sideA = sa.side(a.length, sa.ascii);
        return new Lines(a, b, sideA, splitLike(b, a, sideA, table), table.count);
    }

    int sizeA() {
        return classA.length;
    }

    int sizeB() {
        return classB.length;
    }

    private record Side(int[] starts, int[] classes, boolean ascii) {
    }

    /**
     * Splits the new side reusing the old side's lines where the bytes are the same: the lines inside the common
     * start and the common end of the two files are the old lines (same classes, shifted offsets), so only the
     * lines in between are hashed and looked up. A change touches a few lines of a file; this halves the split.
     */
    private static Side splitLike(byte[] b, byte[] a, Side sideA, Table table) {
        int[] startsA = sideA.starts();
        int n = sideA.classes().length;
        int common = Math.min(a.length, b.length);
        int prefix = Arrays.mismatch(a, b);
        if (prefix < 0) {
            return sideA; // the same bytes
        }
        int suffix = commonSuffix(a, b, common - prefix);
        // Old lines wholly inside the common start, ending with their newline, are the new side's first lines.
        int head = upperBound(startsA, prefix);
        if (head == n && a.length > 0 && a[a.length - 1] != '\n') {
            head--;
        }
        // Old lines whose preceding newline lies inside the common end are the new side's last lines.
        int tail = Math.max(head, lowerBound(startsA, a.length - suffix + 1));
        tail = Math.min(tail, n);
        int shift = b.length - a.length;
        int middleStart = startsA[head];
        int middleEnd = startsA[tail] + shift;
        Builder out = new Builder(head + (n - tail) + (middleEnd - middleStart) / 24);
        out.copy(startsA, sideA.classes(), 0, head, 0);
        boolean asciiMiddle = out.split(b, middleStart, middleEnd, table);
        out.copy(startsA, sideA.classes(), tail, n, shift);
        return out.side(b.length, asciiMiddle && sideA.ascii());
    }

    /** The number of bytes both arrays end with, at most {@code max}, compared a word at a time. */
    private static int commonSuffix(byte[] a, byte[] b, int max) {
        int s = 0;
        while (s + 8 <= max && (long) WORDS.get(a, a.length - s - 8) == (long) WORDS.get(b, b.length - s - 8)) {
            s += 8;
        }
        while (s < max && a[a.length - 1 - s] == b[b.length - 1 - s]) {
            s++;
        }
        return s;
    }

    /** The number of entries of the sorted {@code starts} that are at most {@code value}, minus one (a line count). */
    private static int upperBound(int[] starts, int value) {
        int i = Arrays.binarySearch(starts, value);
        return i >= 0 ? i : -i - 2;
    }

    /** The first index whose start is at least {@code value} ({@code starts.length - 1} when none). */
    private static int lowerBound(int[] starts, int value) {
        int i = Arrays.binarySearch(starts, value);
        return Math.min(i >= 0 ? i : -i - 1, starts.length - 1);
    }

    /** Line starts and classes as they are found, in growing arrays. */
    private static final class Builder {
        private int[] starts;
        private int[] classes;
        private int n;
        private boolean ascii = true;

        Builder(int expected) {
            starts = new int[Math.max(16, expected + 2)];
            classes = new int[starts.length];
        }

        private void add(int start, int cls) {
            if (n + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                classes = Arrays.copyOf(classes, starts.length);
            }
            starts[n] = start;
            classes[n] = cls;
            n++;
        }

        void copy(int[] fromStarts, int[] fromClasses, int from, int to, int shift) {
            for (int i = from; i < to; i++) {
                add(fromStarts[i] + shift, fromClasses[i]);
            }
        }

        /**
         * Cuts {@code text[from, to)} into lines and classifies each in one pass, eight bytes at a time: a word
         * holds a newline when one of its bytes XOR '\n' is zero, and the hash is taken over whole words (the last
         * one masked after the newline). A last line without a newline is a line of its own, as in xdiff. Returns
         * whether every byte read was ASCII.
         */
        boolean split(byte[] text, int from, int to, Table table) {
            int p = from;
            long bits = 0;
            while (p < to) {
                int start = p;
                long h = SEED;
                while (true) {
                    if (p + 8 <= to) {
                        long w = (long) WORDS.get(text, p);
                        long x = w ^ NEWLINES;
                        long found = (x - ONES) & ~x & HIGHS;
                        bits |= w;
                        if (found == 0) {
                            h = mix(h, w);
                            p += 8;
                            continue;
                        }
                        int k = Long.numberOfTrailingZeros(found) >>> 3;
                        h = mix(h, k == 7 ? w : w & ((1L << ((k + 1) * 8)) - 1));
                        p += k + 1;
                        break;
                    }
                    long w = 0;
                    int k = 0;
                    while (p < to) {
                        byte c = text[p++];
                        w |= (c & 0xffL) << (8 * k++);
                        if (c == '\n') {
                            break;
                        }
                    }
                    bits |= w;
                    h = mix(h, w);
                    break;
                }
                add(start, table.classOf(text, start, p, (int) (h ^ (h >>> 32))));
            }
            boolean rangeAscii = (bits & HIGHS) == 0;
            ascii &= rangeAscii;
            return rangeAscii;
        }

        /** The lines found, the text ending at {@code end}. */
        Side side(int end, boolean isAscii) {
            int[] s = Arrays.copyOf(starts, n + 1);
            s[n] = end;
            return new Side(s, Arrays.copyOf(classes, n), isAscii);
        }
    }

    private static long mix(long h, long w) {
        long x = (h ^ w) * 0x9E3779B97F4A7C15L;
        return x ^ (x >>> 29);
    }

    /** Open-addressing table from a line's bytes to its class; it keeps offsets, never copies of the lines. */
    private static final class Table {
        private int[] slots; // class + 1, or 0 when free
        private int mask;
        private byte[][] owner = new byte[64][];
        private int[] from = new int[64];
        private int[] to = new int[64];
        private int[] hashes = new int[64];
        int count;

        Table(int expectedLines) {
            int size = Integer.highestOneBit(Math.max(16, expectedLines * 2 - 1)) << 1;
            slots = new int[size];
            mask = size - 1;
        }

        int classOf(byte[] text, int start, int end, int h) {
            for (int slot = h & mask;; slot = (slot + 1) & mask) {
                int entry = slots[slot];
                if (entry == 0) {
                    return add(slot, h, text, start, end);
                }
                int c = entry - 1;
                if (hashes[c] == h && Arrays.equals(owner[c], from[c], to[c], text, start, end)) {
                    return c;
                }
            }
        }

        private void grow() {
            int[] old = slots;
            slots = new int[old.length * 2];
            mask = slots.length - 1;
            for (int entry : old) {
                if (entry != 0) {
                    int slot = hashes[entry - 1] & mask;
                    while (slots[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    slots[slot] = entry;
                }
            }
        }

        private int add(int slot, int h, byte[] text, int start, int end) {
            if (count == owner.length) {
                int grown = count * 2;
                owner = Arrays.copyOf(owner, grown);
                from = Arrays.copyOf(from, grown);
                to = Arrays.copyOf(to, grown);
                hashes = Arrays.copyOf(hashes, grown);
            }
            if (count * 2 >= slots.length) {
                grow();
                return classOf(text, start, end, h);
            }
            int c = count++;
            owner[c] = text;
            from[c] = start;
            to[c] = end;
            hashes[c] = h;
            slots[slot] = c + 1;
            return c;
        }
    }
}
