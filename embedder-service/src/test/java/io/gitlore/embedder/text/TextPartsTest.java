package io.gitlore.embedder.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.testsupport.ChunkRecords;
import org.junit.jupiter.api.Test;

/** Parts at line ends within the token budget, a long line cut between tokens; the texts a chunk is embedded as. */
class TextPartsTest {

    /** One token per word, as a whitespace tokenizer would start them (code point offsets). */
    private static int[] words(String text) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\n' && (i == 0 || text.charAt(i - 1) == ' '
                    || text.charAt(i - 1) == '\n')) {
                starts.add(text.codePointCount(0, i));
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void packsWholeLinesUpToTheBudgetAndJoinsBackToTheText() {
        String text = "a b c\nd e\nf g h i\nj";
        List<TextParts.Part> parts = TextParts.split(text, words(text), 5);
        assertEquals(List.of("a b c\nd e", "f g h i\nj"), parts.stream().map(TextParts.Part::text).toList());
        assertEquals(0, parts.get(0).firstLine());
        assertEquals(1, parts.get(0).lastLine());
        assertEquals(2, parts.get(1).firstLine());
        assertEquals(3, parts.get(1).lastLine());
        assertEquals(text, String.join("\n", parts.stream().map(TextParts.Part::text).toList()));
    }

    @Test
    void aLineLongerThanTheBudgetIsCutBetweenTokens() {
        String text = "x\nα β γ δ ε ζ\ny";
        List<TextParts.Part> parts = TextParts.split(text, words(text), 4);
        assertEquals(List.of("x", "α β γ δ ", "ε ζ", "y"), parts.stream().map(TextParts.Part::text).toList());
        assertEquals(1, parts.get(1).firstLine());
        assertEquals(1, parts.get(2).lastLine());
    }

    @Test
    void aChangeIsItsSubjectAndChangedLinesAndAVersionIsItsCode() {
        ChunkRecord modified = ChunkRecords.function("c", "fn f() {\n    g();\n}\n").qualifiedName("crate::f [2/3]")
                .oldStartLine(1).changeType(ChangeKind.BUG_FIX).subject("Fix f")
                .hunks(List.of("@@ -1,3 +1,3 @@\n fn f() {\n-    h();\n+    g();\n }\n")).build();
        assertEquals("src/lib.rs|crate::f", UnitKeys.key(modified));
        assertEquals(2, UnitKeys.chunkerPart(modified));
        assertEquals("src/lib.rs · function crate::f\nFix f\n-    h();\n+    g();\n",
                ChunkText.change(modified, ChunkText.changeBody(modified, modified.newCode())));
        assertEquals("-    h();\n+    g();\n", ChunkText.changeCode(ChunkText.change(modified,
                ChunkText.changeBody(modified, modified.newCode()))));

        ChunkRecord deleted = modified.toBuilder().newCode(null).oldCode("fn f() {}\n").build();
        assertTrue(ChunkText.deleted(deleted));
        assertEquals("fn f() {}\n", ChunkText.changeBody(deleted, deleted.oldCode()), "a deletion is its last code");
        assertEquals(ChunkText.nearKey(modified, "-  h();\n+ g();"), ChunkText.nearKey(modified, "- h();\n+ g(); "));

        ChunkRecord version = modified.toBuilder().snapshot(true).build();
        assertEquals("fn f() {\n    g();\n}\n", ChunkText.versionCode(ChunkText.version(version, version.newCode())));
    }
}
