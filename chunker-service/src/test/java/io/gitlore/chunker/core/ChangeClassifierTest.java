package io.gitlore.chunker.core;

import static io.gitlore.chunker.core.ChangeClassifier.UnitChange.DELETED;
import static io.gitlore.chunker.core.ChangeClassifier.UnitChange.MODIFIED;
import static io.gitlore.chunker.core.ChangeClassifier.UnitChange.NEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.gitlore.chunker.core.ChangeClassifier.UnitDiff;
import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkKind;
import org.junit.jupiter.api.Test;

class ChangeClassifierTest {

    private static ChangeKind classify(String language, ChunkKind kind, ChangeClassifier.UnitChange change,
                                      String subject, String... added) {
        return ChangeClassifier.classify(language, kind, change, subject, "",
                new UnitDiff(null, null, List.of("x = 0;"), List.of(added)));
    }

    @Test
    void theRuleSetInItsOrderOfPrecedence() {
        assertEquals(ChangeKind.CONFIGURATION, classify("toml", ChunkKind.CONFIG, MODIFIED, "Fix deps", "x = 1"));
        assertEquals(ChangeKind.DOCUMENTATION, classify("markdown", ChunkKind.DOC, NEW, "Add guide"));
        assertEquals(ChangeKind.DELETED_FUNCTION, classify("rust", ChunkKind.FUNCTION, DELETED, "Fix bug"));
        assertEquals(ChangeKind.NEW_TEST, classify("rust", ChunkKind.TEST, NEW, "Fix bug"));
        assertEquals(ChangeKind.NEW_TYPE, classify("java", ChunkKind.TYPE, NEW, "Add type"));
        assertEquals(ChangeKind.NEW_FUNCTION, classify("go", ChunkKind.METHOD, NEW, "Optimise"));
        assertEquals(ChangeKind.DOCUMENTATION, ChangeClassifier.classify("rust", ChunkKind.FUNCTION, MODIFIED,
                "Fix typo", "", new UnitDiff(null, null, List.of("    /// Adds numbers."),
                        List.of("    /// Adds two numbers.", ""))));
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

    @Test
    void theSubjectDecidesNotAWordDeepInTheBody() {
        String body = "Long explanation.\n\nThis also avoids a crash that a later fix would have needed, and is "
                + "faster.";
        assertEquals(ChangeKind.MODIFIED_FUNCTION, ChangeClassifier.classify("rust", ChunkKind.METHOD, MODIFIED,
                "Support UTF-16 paths", body, new UnitDiff(null, null, List.of("a"), List.of("b"))));
        assertEquals(ChangeKind.REFACTOR, ChangeClassifier.bySubject("Merge pull request #87 from x/less-arc",
                "Don't store an Arc in ReadinessStream, move the source instead"),
                "a merge's body names what it merges");
    }

    @Test
    void conventionalCommitTypesAndComponentPrefixes() {
        assertEquals(ChangeKind.BUG_FIX, ChangeClassifier.bySubject("fix(parser): handle empty input", ""));
        assertEquals(ChangeKind.OPTIMISATION, ChangeClassifier.bySubject("perf: cache the lookup table", ""));
        assertEquals(ChangeKind.REFACTOR, ChangeClassifier.bySubject("refactor!: drop the builder", ""));
        assertEquals(ChangeKind.DOCUMENTATION, ChangeClassifier.bySubject("docs: fix the example", ""));
        assertEquals(ChangeKind.FORMATTING, ChangeClassifier.bySubject("style: rustfmt", ""));
        assertEquals(ChangeKind.MODIFIED_FUNCTION, ChangeClassifier.bySubject("test: cover the fix for #12", ""));
        assertEquals(ChangeKind.MODIFIED_FUNCTION, ChangeClassifier.bySubject("feat: faster mode flag", ""));
        assertEquals(ChangeKind.REFACTOR, ChangeClassifier.bySubject("chore: rename the shim", ""));
        assertEquals(ChangeKind.REFACTOR, ChangeClassifier.bySubject("chore: fix clippy warnings", ""),
                "fixing lints is not a bug fix");
        assertEquals(ChangeKind.BUG_FIX, ChangeClassifier.bySubject("sync: fix race in Notify", ""),
                "a component prefix is not a type");
        assertEquals(ChangeKind.OPTIMISATION, ChangeClassifier.bySubject("rt(threaded): reduce no-op wakeups", ""));
    }

    @Test
    void aChangeOfLayoutOnlyIsFormatting() {
        UnitDiff reflowed = new UnitDiff("""
                fn register(&self, poll: &Poll,
                            token: Token) -> io::Result<()> {
                    Ok(Request::Get { key: key.to_string() })
                }
                """, """
                fn register(
                    &self,
                    poll: &Poll,
                    token: Token,
                ) -> io::Result<()> {
                    Ok(Request::Get {
                        key: key.to_string(),
                    })
                }
                """, List.of("x"), List.of("y"));
        assertEquals(ChangeKind.FORMATTING,
                ChangeClassifier.classify("rust", ChunkKind.METHOD, MODIFIED, "Fix overflow", "", reflowed),
                "formatter output is formatting whatever the subject says");
        assertEquals(ChangeKind.FORMATTING, ChangeClassifier.classify("rust", ChunkKind.METHOD, MODIFIED,
                "Optimise", "", new UnitDiff(null, null, List.of(), List.of("", "   "))), "blank lines only");
        assertEquals(ChangeKind.BUG_FIX, ChangeClassifier.classify("python", ChunkKind.FUNCTION, MODIFIED, "Fix",
                "", new UnitDiff("return (x)\n", "return (x,)\n", List.of("return (x)"), List.of("return (x,)"))),
                "in Python a trailing comma makes a tuple");
    }

    @Test
    void againstAHeldOutSampleOfCargoChunks() {
        // Labelled after the rules were written (the tokio sample shaped them): how they fare on other history.
        LabelledSample.Result result = LabelledSample.evaluate("/change-types/cargo-labelled.jsonl");
        System.out.println(result.report());
        assertTrue(result.rows() >= 50, "the sample holds " + result.rows() + " chunks");
        assertTrue(result.accuracyAfter() > result.accuracyBefore(), result.report());
    }

    @Test
    void againstAHandLabelledSampleOfTokioChunks() {
        LabelledSample.Result result = LabelledSample.evaluate("/change-types/tokio-labelled.jsonl");
        System.out.println(result.report());
        assertTrue(result.rows() >= 100, "the sample holds " + result.rows() + " chunks");
        assertTrue(result.accuracyAfter() >= 0.78, result.report());
        assertTrue(result.accuracyAfter() > result.accuracyBefore() + 0.15, result.report());
    }
}
