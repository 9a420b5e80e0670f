package io.gitlore.chunker.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.gitlore.chunker.syntax.LineEdit;
import org.junit.jupiter.api.Test;

class PatchEditsTest {

    static final String PATCH = """
            diff --git a/x.rs b/x.rs
            index 1111111..2222222 100644
            --- a/x.rs
            +++ b/x.rs
            @@ -1,4 +1,5 @@ fn a() {
             line1
            -line2
            +line2 changed
            +line2b
             line3
             line4
            @@ -10,3 +11,2 @@
             line10
            -line11
             line12
            @@ -20,0 +21,1 @@
            +appended
            """;

    @Test
    void exactAddedAndRemovedLinesAndEditRuns() {
        PatchEdits edits = PatchEdits.parse(PATCH);
        assertEquals("{2, 3, 21}", edits.added().toString());
        assertEquals("{2, 11}", edits.removed().toString());
        assertEquals(List.of(new LineEdit(2, 1, 2, 2), new LineEdit(11, 1, 12, 0), new LineEdit(21, 0, 21, 1)),
                edits.edits());
        assertTrue(edits.addedIn(3, 5));
        assertFalse(edits.addedIn(4, 20));
        assertEquals(1, edits.countRemoved(10, 12));
        assertEquals(2, edits.hunksTouching(1, 12, 0, 0).size());
        assertTrue(edits.hunksTouching(21, 21, 0, 0).get(0).startsWith("@@ -20,0 +21,1 @@"));
    }

    @Test
    void noPatchMeansNoChangedLines() {
        PatchEdits edits = PatchEdits.parse(null);
        assertTrue(edits.added().isEmpty());
        assertTrue(edits.edits().isEmpty());
    }
}
