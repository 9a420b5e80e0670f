package io.gitlore.chunker.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class TextSectionsTest {

    private static String describe(List<TextSections.Section> sections) {
        return sections.stream().map(s -> s.kind() + " " + s.name() + " " + s.startLine() + "-" + s.endLine())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void markdownByHeadingsWithTheirTrailAndFencesIgnored() {
        String[] lines = """
                Intro text.
                # Guide
                Some words.
                ## Install
                ```sh
                # not a heading
                ```
                ## Use
                Run it.
                # FAQ
                """.split("\n");
        assertEquals("""
                DOC (preamble) 1-1
                DOC Guide 2-3
                DOC Guide > Install 4-7
                DOC Guide > Use 8-9
                DOC FAQ 10-10""", describe(TextSections.split("markdown", lines, 40)));
    }

    @Test
    void tomlByTablesYamlAndJsonByTopLevelKeys() {
        String[] toml = "name = \"x\"\n[package]\nversion = \"1\"\n[[bin]]\nname = \"y\"\n".split("\n");
        assertEquals("""
                CONFIG (top level) 1-1
                CONFIG package 2-3
                CONFIG bin 4-5""", describe(TextSections.split("toml", toml, 40)));
        String[] yaml = "version: 2\njobs:\n  build:\n    steps: []\nworkflows:\n  x: 1\n".split("\n");
        assertEquals("""
                CONFIG version 1-1
                CONFIG jobs 2-4
                CONFIG workflows 5-6""", describe(TextSections.split("yaml", yaml, 40)));
        String[] json = "{\n  \"name\": \"a\",\n  \"scripts\": {\n    \"b\": \"{x}\"\n  },\n  \"deps\": []\n}\n"
                .split("\n");
        assertEquals("""
                CONFIG (top level) 1-1
                CONFIG name 2-2
                CONFIG scripts 3-5
                CONFIG deps 6-7""", describe(TextSections.split("json", json, 40)));
    }

    @Test
    void anythingElseInAlignedWindows() {
        assertEquals("""
                TEXT lines 1-40 1-40
                TEXT lines 41-80 41-80
                TEXT lines 81-90 81-90""", describe(TextSections.windows(90, 40,
                io.gitlore.contracts.chunk.ChunkKind.TEXT)));
    }
}
