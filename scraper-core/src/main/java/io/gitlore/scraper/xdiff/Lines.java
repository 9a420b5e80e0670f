package io.gitlore.scraper.xdiff;

import java.util.Arrays;

/**
 * Both sides of one diff cut into lines (each with its end-of-line byte, as xdiff's records are), every line given
 * the number of its equivalence class: two lines are equal exactly when their classes are.
 *
 * <p>Classes are numbered in order of first appearance, old side first, as xdiff's classifier numbers them; the
 * histogram diff hashes these numbers, so the numbering is part of matching git.
 */
final class Lines {

    final byte[] a;
    final byte[] b;
    /** Offsets where each line starts, plus one entry for the end: line {@code i} is {@code [start[i], start[i+1])}. */
    final int[] startA;
    final int[] startB;
    final int[] classA;
    final int[] classB;
    final int classes;

    private Lines(byte[] a, byte[] b, int[] startA, int[] startB, int[] classA, int[] classB, int classes) {
        this.a = a;
        this.b = b;
        this.startA = startA;
        this.startB = startB;
        this.classA = classA;
        this.classB = classB;
        this.classes = classes;
    }

    static Lines of(byte[] a, byte[] b) {
        int[] startA = starts(a);
        int[] startB = starts(b);
        int nA = startA.length - 1;
        int nB = startB.length - 1;
        Table table = new Table(nA + nB);
        int[] classA = new int[nA];
        for (int i = 0; i < nA; i++) {
            classA[i] = table.classOf(a, startA[i], startA[i + 1]);
        }
        int[] classB = new int[nB];
        for (int i = 0; i < nB; i++) {
            classB[i] = table.classOf(b, startB[i], startB[i + 1]);
        }
        return new Lines(a, b, startA, startB, classA, classB, table.count);
    }

    int sizeA() {
        return classA.length;
    }

    int sizeB() {
        return classB.length;
    }

    /** Line starts of {@code content}; a last line without a newline is a line of its own, as in xdiff. */
    static int[] starts(byte[] content) {
        int lines = 0;
        for (byte c : content) {
            if (c == '\n') {
                lines++;
            }
        }
        boolean unterminated = content.length > 0 && content[content.length - 1] != '\n';
        int[] starts = new int[lines + (unterminated ? 1 : 0) + 1];
        int n = 1;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                starts[n++] = i + 1;
            }
        }
        starts[starts.length - 1] = content.length;
        return starts;
    }

    /** Open-addressing table from a line's bytes to its class; it keeps offsets, never copies of the lines. */
    private static final class Table {
        private final int[] slots; // class + 1, or 0 when free
        private final int mask;
        private byte[][] owner = new byte[64][];
        private int[] from = new int[64];
        private int[] to = new int[64];
        private int[] hashes = new int[64];
        int count;

        Table(int lines) {
            int size = Integer.highestOneBit(Math.max(16, lines * 2 - 1)) << 1;
            slots = new int[size];
            mask = size - 1;
        }

        int classOf(byte[] text, int start, int end) {
            int h = hash(text, start, end);
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

        private int add(int slot, int h, byte[] text, int start, int end) {
            if (count == owner.length) {
                int grown = count * 2;
                owner = Arrays.copyOf(owner, grown);
                from = Arrays.copyOf(from, grown);
                to = Arrays.copyOf(to, grown);
                hashes = Arrays.copyOf(hashes, grown);
            }
            int c = count++;
            owner[c] = text;
            from[c] = start;
            to[c] = end;
            hashes[c] = h;
            slots[slot] = c + 1;
            return c;
        }

        private static int hash(byte[] text, int start, int end) {
            int h = 0x811c9dc5;
            for (int i = start; i < end; i++) {
                h = (h ^ (text[i] & 0xff)) * 0x01000193;
            }
            return h ^ (h >>> 15);
        }
    }
}
