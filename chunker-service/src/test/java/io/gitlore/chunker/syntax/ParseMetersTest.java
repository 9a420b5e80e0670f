package io.gitlore.chunker.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class ParseMetersTest {

    private static final String V1 = "fn a() -> u32 {\n    1\n}\n";
    private static final String V2 = "fn a() -> u32 {\n    1\n}\n\nfn b() -> u32 {\n    2\n}\n";

    @Test
    void parsesAndTheirCpuTimeReachThePrometheusScrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (SyntaxParser parser = new SyntaxParser(16, registry)) {
            parser.parse(LanguageSpec.RUST, "src/lib.rs", "v1", V1, null, null, null);
            // v2 appends four lines after line 3 of v1: its tree is v1's, edited and re-parsed.
            parser.parse(LanguageSpec.RUST, "src/lib.rs", "v2", V2, "v1", List.of(new LineEdit(4, 0, 4, 4)), V1);
            // v0's tree was never cached: a full parse although a previous version is named.
            parser.parse(LanguageSpec.RUST, "src/lib.rs", "v3", V1, "v0", List.of(), V2);
        }
        assertEquals(1.0, registry.get(ParseMeters.PARSES).tag("mode", "incremental").counter().count());
        assertEquals(1.0, registry.get(ParseMeters.PARSES).tag("reason", "no-previous-version").counter().count());
        assertEquals(1.0, registry.get(ParseMeters.PARSES).tag("reason", "previous-tree-evicted").counter().count());
        assertEquals(2L, registry.get(ParseMeters.PARSE_CPU).tag("phase", "full").timer().count());
        assertEquals(3L, registry.get(ParseMeters.PARSE_CPU).tag("phase", "extract").timer().count());
        String scrape = registry.scrape();
        // What an operator reads on /q/metrics (the text format may end a label list with a comma).
        assertTrue(Pattern.compile(
                "(?m)^gitlore_chunker_parses_total\\{mode=\"incremental\",reason=\"edited\",?} 1\\.0$")
                .matcher(scrape).find(), scrape);
        assertTrue(Pattern.compile("(?m)^gitlore_chunker_parse_cpu_seconds_count\\{phase=\"full\",?} 2\\.0$")
                .matcher(scrape).find(), scrape);
    }
}
