package io.gitlore.embedder.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into parts of at most {@code budget} model tokens, at line ends, given where the model's tokenizer
 * starts each token: lines are packed greedily, and a single line longer than the budget is cut between tokens.
 * Joined with newlines, the parts give back the text.
 */
public final class TextParts {

    /** One part: its text and the 0-based first and last line of the whole text it holds. */
    public record Part(String text, int firstLine, int lastLine) {
    }

    private TextParts() {
    }

    /**
     * @param tokenStarts code point offsets of the tokens' starts, ascending (special tokens left out)
     */
    public static List<Part> split(String text, int[] tokenStarts, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("a part needs room for at least one token, not " + budget);
        }
        String[] lines = text.split("\n", -1);
        int[] tokens = new int[lines.length];
        int[] lineStart = new int[lines.length + 1];
        for (int i = 0, cp = 0; i < lines.length; i++) {
            lineStart[i] = cp;
            cp += lines[i].codePointCount(0, lines[i].length()) + 1;
            lineStart[i + 1] = cp;
        }
        int line = 0;
        for (int start : tokenStarts) {
            while (line < lines.length - 1 && start >= lineStart[line + 1]) {
                line++;
            }
            tokens[line]++;
        }
        List<Part> parts = new ArrayList<>();
        int first = 0;
        int sum = 0;
        for (int i = 0; i < lines.length; i++) {
            if (tokens[i] > budget) {
                if (i > first) {
                    parts.add(part(lines, first, i - 1));
                }
                cutLine(lines[i], i, lineStart[i], tokenStarts, budget, parts);
                first = i + 1;
                sum = 0;
            } else if (sum + tokens[i] > budget) {
                parts.add(part(lines, first, i - 1));
                first = i;
                sum = tokens[i];
            } else {
                sum += tokens[i];
            }
        }
        if (first < lines.length) {
            parts.add(part(lines, first, lines.length - 1));
        }
        return parts;
    }

    private static Part part(String[] lines, int first, int last) {
        return new Part(String.join("\n", java.util.Arrays.asList(lines).subList(first, last + 1)), first, last);
    }

    /** A line with more tokens than a part holds (minified or generated code): cut between tokens. */
    private static void cutLine(String line, int index, int lineStartCp, int[] tokenStarts, int budget,
                                List<Part> parts) {
        List<Integer> cuts = new ArrayList<>();
        int inLine = 0;
        for (int start : tokenStarts) {
            int cp = start - lineStartCp;
            if (cp < 0) {
                continue;
            }
            if (cp >= line.codePointCount(0, line.length())) {
                break;
            }
            if (inLine > 0 && inLine % budget == 0) {
                cuts.add(cp);
            }
            inLine++;
        }
        int from = 0;
        for (int cut : cuts) {
            int at = line.offsetByCodePoints(0, cut);
            parts.add(new Part(line.substring(from, at), index, index));
            from = at;
        }
        parts.add(new Part(line.substring(from), index, index));
    }
}
