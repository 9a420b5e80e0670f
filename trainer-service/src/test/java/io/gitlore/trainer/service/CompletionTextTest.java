package io.gitlore.trainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What a stream sends as tokens decode: nothing of a stop sequence, not even its first characters while it may still
 * complete, everything held back once it cannot, and whole characters only.
 */
class CompletionTextTest {

    /** Feeds each decoded text in turn; gives the pieces sent, the finish's last. */
    static List<String> stream(CompletionText text, String... decoded) {
        List<String> pieces = new ArrayList<>();
        for (String d : decoded) {
            pieces.add(text.accept(d));
            if (text.stopped()) {
                break;
            }
        }
        pieces.add(text.finish());
        return pieces;
    }

    @Test
    void theFirstCharactersOfAStopSequenceAreHeldBackAndNeverSent() {
        CompletionText text = new CompletionText(List.of("\n\n"));
        assertEquals(List.of("int a", ";", "", ""), stream(text, "int a", "int a;\n", "int a;\n\n b", "never read"));
        assertTrue(text.stopped());
        assertEquals("int a;", text.text());
    }

    @Test
    void heldBackTextIsSentOnceItCannotStartTheStopSequence() {
        CompletionText text = new CompletionText(List.of("END"));
        assertEquals(List.of("x", "", "", "ENx", "", "", ""),
                stream(text, "xE", "xEN", "xEN", "xENx", "xENx\uFFFD", "xENx"));
        assertFalse(text.stopped());
        assertEquals("xENx", text.text());
    }

    @Test
    void theEndOfAGenerationReleasesWhatWasHeldBack() {
        CompletionText text = new CompletionText(List.of("\n\n"));
        assertEquals(List.of("a", "b", "\n"), stream(text, "a", "ab\n"));
        assertEquals("ab\n", text.text());
    }

    @Test
    void theEarliestOfSeveralStopsCutsTheCompletionEvenInsideOneToken() {
        CompletionText text = new CompletionText(List.of("}", "</s>", ""));
        assertEquals(List.of("abc", ""), stream(text, "abc</s>de}f"));
        assertEquals("abc", text.text());
        CompletionText without = new CompletionText(List.of());
        assertEquals(List.of("a\n\n", ""), stream(without, "a\n\n"));
    }

    @Test
    void anUnfinishedMultiByteCharacterWaitsForItsLastByte() {
        CompletionText text = new CompletionText(List.of());
        assertEquals(List.of("a", "", "é", ""), stream(text, "a", "a\uFFFD", "aé"));
    }
}
