package io.gitlore.scraper.xdiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The line split and classes, the new side partly reusing the old side's lines: checked against a plain split on
 * edge cases (empty files, a missing last newline, one file a prefix of the other) and random edits.
 */
class LinesTest {

    @Test
    void edgeCasesSplitAsAPlainSplitDoes() {
        String[] texts = {"", "a", "a\n", "a\nb", "a\nb\n", "a\nb\nc\n", "x\na\nb\n", "a\nb\nc", "\n\n", "ab\r\ncd\r\n",
                "a long line of more than eight bytes\nanother one, longer than the first\n"};
        for (String a : texts) {
            for (String b : texts) {
                check(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void randomEditsSplitAsAPlainSplitDoes() {
        Random random = new Random(7);
        String[] pool = {"fn main() {", "}", "", "    let x = 1;", "    x += 1;", "// é ü", "\t\treturn;", "a", "bb"};
        for (int round = 0; round < 400; round++) {
            List<String> lines = new ArrayList<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                lines.add(pool[random.nextInt(pool.length)]);
            }
            List<String> edited = new ArrayList<>(lines);
            for (int e = random.nextInt(4); e > 0 && !edited.isEmpty(); e--) {
                int at = random.nextInt(edited.size());
                switch (random.nextInt(3)) {
                    case 0 -> edited.remove(at);
                    case 1 -> edited.add(at, pool[random.nextInt(pool.length)]);
                    default -> edited.set(at, edited.get(at) + "!");
                }
            }
            check(join(lines, random.nextBoolean()), join(edited, random.nextBoolean()));
        }
    }

    private static byte[] join(List<String> lines, boolean lastNewline) {
        String text = String.join("\n", lines);
        return (lastNewline && !lines.isEmpty() ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
    }

    private static void check(byte[] a, byte[] b) {
        Lines lines = Lines.of(a, b);
        List<byte[]> linesA = plainSplit(a);
        List<byte[]> linesB = plainSplit(b);
        String context = new String(a, StandardCharsets.UTF_8) + " | " + new String(b, StandardCharsets.UTF_8);
        assertEquals(linesA.size(), lines.sizeA(), context);
        assertEquals(linesB.size(), lines.sizeB(), context);
        assertEquals(a.length, lines.startA[lines.sizeA()], context);
        assertEquals(b.length, lines.startB[lines.sizeB()], context);
        for (int i = 0; i < linesB.size(); i++) {
            assertArrayEquals(linesB.get(i), Arrays.copyOfRange(b, lines.startB[i], lines.startB[i + 1]), context);
            for (int j = 0; j < linesA.size(); j++) {
                assertEquals(Arrays.equals(linesA.get(j), linesB.get(i)), lines.classA[j] == lines.classB[i],
                        context + ": line " + j + " of A against line " + i + " of B");
            }
        }
        assertEquals(isAscii(a), lines.asciiA, context);
        // The new side's flag may say "not ASCII" for lines taken over from a non-ASCII old side, never the reverse.
        assertTrue(!lines.asciiB || isAscii(b), context);
        assertTrue(lines.asciiB || !(isAscii(a) && isAscii(b)), context);
    }

    private static boolean isAscii(byte[] text) {
        for (byte c : text) {
            if (c < 0) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> plainSplit(byte[] text) {
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (byte c : text) {
            line.write(c);
            if (c == '\n') {
                lines.add(line.toByteArray());
                line.reset();
            }
        }
        if (line.size() > 0) {
            lines.add(line.toByteArray());
        }
        return lines;
    }
}
