package io.gitlore.chunker.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunker's token estimate: identifiers and numbers count one token each, every other non-space character one
 * token. On code this lands within about ±25% of a byte-level BPE's count (GPT-2 style), which is all the chunk size
 * rule needs, and costs one pass with no model loaded.
 */
public final class Tokens {

    private Tokens() {
    }

    public static int estimate(String text) {
        if (text == null) {
            return 0;
        }
        int count = 0;
        boolean inWord = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c > 127 && Character.isWhitespace(c)) {
                inWord = false;
            } else if (isWordChar(c)) {
                if (!inWord) {
                    count++;
                    inWord = true;
                }
            } else {
                count++;
                inWord = false;
            }
        }
        return count;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
                || c > 127 && Character.isLetterOrDigit(c);
    }

    /** The same tokens as strings (for shingling). */
    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
