package io.gitlore.chunker.core;

import static io.gitlore.chunker.core.ChangeClassifier.UnitChange.DELETED;
import static io.gitlore.chunker.core.ChangeClassifier.UnitChange.MODIFIED;
import static io.gitlore.chunker.core.ChangeClassifier.UnitChange.NEW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkKind;
import org.junit.jupiter.api.Test;

class ChangeClassifierTest {

    private static ChangeKind classify(String language, ChunkKind kind, ChangeClassifier.UnitChange change,
                                      String message, String... changed) {
        return ChangeClassifier.classify(language, kind, change, message, List.of(changed));
    }

    @Test
    void theRuleSetInItsOrderOfPrecedence() {
        assertEquals(ChangeKind.CONFIGURATION, classify("toml", ChunkKind.CONFIG, MODIFIED, "Fix deps", "x = 1"));
        assertEquals(ChangeKind.DOCUMENTATION, classify("markdown", ChunkKind.DOC, NEW, "Add guide"));
        assertEquals(ChangeKind.DELETED_FUNCTION, classify("rust", ChunkKind.FUNCTION, DELETED, "Fix bug"));
        assertEquals(ChangeKind.NEW_TEST, classify("rust", ChunkKind.TEST, NEW, "Fix bug"));
        assertEquals(ChangeKind.NEW_TYPE, classify("java", ChunkKind.TYPE, NEW, "Add type"));
        assertEquals(ChangeKind.NEW_FUNCTION, classify("go", ChunkKind.METHOD, NEW, "Optimise"));
        assertEquals(ChangeKind.DOCUMENTATION,
                classify("rust", ChunkKind.FUNCTION, MODIFIED, "Fix typo", "    /// Adds two numbers.", ""));
        assertEquals(ChangeKind.BUG_FIX,
                classify("rust", ChunkKind.FUNCTION, MODIFIED, "Fixes #12: panic on empty input", "x"));
        assertEquals(ChangeKind.BUG_FIX,
                classify("rust", ChunkKind.FUNCTION, MODIFIED, "Faster lookup, fixes a crash", "x"),
                "a fix outranks an optimisation");
        assertEquals(ChangeKind.OPTIMISATION,
                classify("rust", ChunkKind.FUNCTION, MODIFIED, "Speed up the parser with SIMD", "x"));
        assertEquals(ChangeKind.REFACTOR, classify("rust", ChunkKind.METHOD, MODIFIED, "Extract helper", "x"));
        assertEquals(ChangeKind.MODIFIED_FUNCTION, classify("rust", ChunkKind.METHOD, MODIFIED, "Support UTF-16", "x"));
        assertEquals(ChangeKind.MODIFIED_FUNCTION,
                classify("rust", ChunkKind.FUNCTION, MODIFIED, "Prefix", "#[inline]"), "attributes are code");
    }
}
