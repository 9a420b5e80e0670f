package io.gitlore.chunker.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Rust that rustc accepts but tree-sitter-rust 0.24 does not parse, respelled for the parser only. */
class RustGrammarGapsTest {

    @Test
    void codeTheGrammarMissesStillParses() {
        // Each of these made an error region (the frontmatter as a cargo script's); see RustGrammarGaps.
        String code = """
                #!/usr/bin/env cargo
                ---
                [dependencies]
                clap = "4"
                ---
                use std::io;

                pub fn read_all(r: &mut dyn io::Read) -> io::Result<Vec<u8>> {
                    let mut out = Vec::new();
                    try!(r.read_to_end(&mut out));
                    Ok(out)
                }

                pub fn offset(raw: &str, info: &str) -> usize {
                    let start = info.as_ptr() as usize - (&raw).as_ptr() as usize;
                    start + info.len()
                }

                unsafe extern "C" {
                    fn getpid() -> i32;
                }

                #[test]
                fn snapshot_of_the_output() {
                    let cases = &[("1.43.0-beta.1", str!["1.43.0-beta.1"]), ("1.43.0", str!["1.43.0"])];
                    for (input, expected) in cases {
                        assert_data_eq!(*input, expected.clone());
                    }
                }
                """;
        try (SyntaxParser parser = new SyntaxParser(4)) {
            ParsedFile parsed = parser.parse(LanguageSpec.RUST, "src/lib.rs", "old_io", "blob", code, null, null,
                    null);
            assertEquals(List.of("old_io::read_all", "old_io::offset", "old_io::snapshot_of_the_output"),
                    parsed.units().stream().map(Unit::qualifiedName).toList());
            assertTrue(parsed.errorRanges().isEmpty(), "no error regions");
            assertFalse(parsed.units().stream().anyMatch(Unit::fromErrorRegion));
        }
        assertEquals(code.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                RustGrammarGaps.forParser(code).getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                "offsets are kept");
    }
}
