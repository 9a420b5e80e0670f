package io.gitlore.chunker.syntax;

/**
 * Lets the tree-sitter Rust grammar read the 2015 edition's {@code try!(…)} macro: the grammar (0.24, the newest on
 * Maven Central) parses {@code try} as the 2018 keyword of try blocks, so every function using {@code try!} came
 * out as an error region (408 of the 418 parse fallbacks over tokio's history). The bytes handed to the parser spell
 * it {@code trY!}, an ordinary macro name of the same length, so offsets, lines and the chunks' text (always cut from
 * the file's own lines) are unchanged. From the 2018 edition on, {@code try!} is itself an error, so no valid code of
 * a later edition changes meaning; {@code r#try!} is left alone.
 */
final class Rust2015 {

    private Rust2015() {
    }

    /** Rewrites {@code try!} in place in the parser's copy of the file; returns the same array. */
    static byte[] parserBytes(byte[] utf8) {
        for (int i = 0; i + 3 < utf8.length; i++) {
            if (utf8[i] == 't' && utf8[i + 1] == 'r' && utf8[i + 2] == 'y' && utf8[i + 3] == '!'
                    && (i == 0 || !identifierOrRaw(utf8[i - 1]))) {
                utf8[i + 2] = 'Y';
                i += 3;
            }
        }
        return utf8;
    }

    private static boolean identifierOrRaw(byte b) {
        return b == '_' || b == '#' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
                || b < 0;
    }
}
