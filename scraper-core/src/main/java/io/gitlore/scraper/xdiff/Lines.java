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
        Side sa = split(a, table);
        Side sb = split(b, table);
        return new Lines(a, b, sa, sb, table.count);
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
     * Cuts {@code text} into lines and classifies each in one pass, eight bytes at a time: a word holds a newline
     * when one of its bytes XOR '\n' is zero, and the hash is taken over whole words (the last one masked after
     * the newline). A last line without a newline is a line of its own, as in xdiff.
     */
    private static Side split(byte[] text, Table table) {
        int[] starts = new int[Math.max(16, text.length / 24)];
        int[] classes = new int[starts.length];
        int n = 0;
        int p = 0;
        int end = text.length;
        long bits = 0;
        while (p < end) {
            int start = p;
            long h = SEED;
            while (true) {
                if (p + 8 <= end) {
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
                while (p < end) {
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
            if (n + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                classes = Arrays.copyOf(classes, starts.length);
            }
            starts[n] = start;
            classes[n] = table.classOf(text, start, p, (int) (h ^ (h >>> 32)));
            n++;
        }
        starts[n] = end;
        return new Side(Arrays.copyOf(starts, n + 1), Arrays.copyOf(classes, n), (bits & HIGHS) == 0);
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
