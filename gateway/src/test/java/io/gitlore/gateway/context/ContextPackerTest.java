package io.gitlore.gateway.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The token budget holds for the whole block as r50k_base counts it; what does not fit is cut or left out. */
class ContextPackerTest {

    private final ContextPacker packer = new ContextPacker();

    private static ContextPacker.Section section(String name, int lines) {
        String code = IntStream.range(0, lines).mapToObj(i -> "    let value_" + i + " = compute(" + i + ");")
                .collect(Collectors.joining("\n"));
        return new ContextPacker.Section("## " + name + "\nFirst appeared: abc 2024-01-01\n", code, "rust");
    }

    @Test
    void everythingGoesInWhenTheBudgetAllows() {
        ContextPacker.Packed packed = packer.pack("# ctx\n", List.of(section("a", 3), section("b", 2)), 10_000);
        assertEquals(0, packed.omitted());
        assertEquals(List.of(false, false), packed.truncated());
        assertEquals(ContextPacker.count(packed.text()), packed.tokens());
        assertTrue(packed.text().contains("```rust\n    let value_0 = compute(0);"), packed.text());
        assertTrue(packed.tokens() <= ContextPacker.count("# ctx\n") + packed.sectionTokens().stream()
                .mapToInt(Integer::intValue).sum(), "joined, the parts never cost more than apart");
    }

    @Test
    void aSectionThatDoesNotFitKeepsItsLeadingLinesAndLaterSmallOnesStillGoIn() {
        for (int budget : List.of(60, 120, 250, 400)) {
            ContextPacker.Packed packed = packer.pack("# ctx\n", List.of(section("big", 200), section("small", 1)),
                    budget);
            assertTrue(packed.tokens() <= budget, budget + ": " + packed.tokens());
            assertEquals(ContextPacker.count(packed.text()), packed.tokens());
            if (packed.sectionTokens().get(0) > 0) {
                assertTrue(packed.truncated().get(0));
                assertTrue(packed.text().contains("more lines of code left out for the token budget"), packed.text());
            }
        }
        ContextPacker.Packed tiny = packer.pack("# ctx\n", List.of(section("big", 200), section("small", 1)), 40);
        assertTrue(tiny.tokens() <= 40);
        assertFalse(tiny.text().contains("value_199"));
    }

    @Test
    void aSectionWhoseHeadingDoesNotFitIsLeftOut() {
        ContextPacker.Packed packed = packer.pack("# ctx\n", List.of(section("x".repeat(400), 2)), 50);
        assertEquals(1, packed.omitted());
        assertEquals(List.of(0), packed.sectionTokens());
        assertEquals("# ctx\n", packed.text());
    }
}
