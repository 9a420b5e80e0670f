package io.gitlore.chunker.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gitlore.contracts.chunk.ChunkKind;

/**
 * Splits non-code files into sections: Markdown by headings, TOML by tables, YAML and JSON by top-level keys, and
 * anything else into fixed line windows (aligned, so the same lines keep the same window across commits).
 */
public final class TextSections {

    /** One section, 1-based inclusive lines. */
    public record Section(ChunkKind kind, String name, int startLine, int endLine) {
    }

    private static final Pattern MD_HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern TOML_TABLE = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?\\s*(#.*)?$");
    private static final Pattern YAML_KEY = Pattern.compile("^([A-Za-z0-9_\"'.$/-][^:#]*?)\\s*:(\\s|$)");

    private TextSections() {
    }

    public static List<Section> split(String language, String[] lines, int windowLines) {
        if (language != null) {
            switch (language) {
                case "markdown":
                    return markdown(lines);
                case "toml":
                    return byHeader(lines, ChunkKind.CONFIG, TOML_TABLE, "(top level)");
                case "yaml":
                    return byHeader(lines, ChunkKind.CONFIG, YAML_KEY, "(top level)");
                case "json":
                    return json(lines);
                default:
                    break;
            }
        }
        return windows(lines.length, windowLines, ChunkKind.TEXT);
    }

    public static List<Section> windows(int lineCount, int windowLines, ChunkKind kind) {
        List<Section> sections = new ArrayList<>();
        for (int start = 1; start <= Math.max(lineCount, 1); start += windowLines) {
            int end = Math.min(lineCount, start + windowLines - 1);
            sections.add(new Section(kind, "lines " + start + "-" + end, start, Math.max(start, end)));
        }
        return sections;
    }

    private static List<Section> markdown(String[] lines) {
        List<Section> sections = new ArrayList<>();
        List<String> trail = new ArrayList<>();
        String current = "(preamble)";
        int start = 1;
        boolean fenced = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("```") || lines[i].startsWith("~~~")) {
                fenced = !fenced;
            }
            Matcher m = fenced ? null : MD_HEADING.matcher(lines[i]);
            if (m != null && m.matches()) {
                if (i > 0) {
                    sections.add(new Section(ChunkKind.DOC, current, start, i));
                }
                int level = m.group(1).length();
                while (trail.size() >= level) {
                    trail.remove(trail.size() - 1);
                }
                while (trail.size() < level - 1) {
                    trail.add("");
                }
                trail.add(m.group(2));
                current = String.join(" > ", trail.stream().filter(s -> !s.isEmpty()).toList());
                start = i + 1;
            }
        }
        sections.add(new Section(ChunkKind.DOC, current, start, Math.max(start, lines.length)));
        return sections;
    }

    private static List<Section> byHeader(String[] lines, ChunkKind kind, Pattern header, String first) {
        List<Section> sections = new ArrayList<>();
        String current = first;
        int start = 1;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = header.matcher(lines[i]);
            if (m.find() && !lines[i].startsWith(" ") && !lines[i].startsWith("\t")) {
                if (i > 0) {
                    sections.add(new Section(kind, current, start, i));
                }
                current = m.group(1).trim();
                start = i + 1;
            }
        }
        sections.add(new Section(kind, current, start, Math.max(start, lines.length)));
        return sections;
    }

    /** Top-level keys of a JSON object, found by tracking nesting depth outside strings. */
    private static List<Section> json(String[] lines) {
        List<Section> sections = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        String current = "(top level)";
        int start = 1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int depthAtStart = depth;
            boolean escaped = false;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (ch == '\\') {
                        escaped = true;
                    } else if (ch == '"') {
                        inString = false;
                    }
                } else if (ch == '"') {
                    inString = true;
                } else if (ch == '{' || ch == '[') {
                    depth++;
                } else if (ch == '}' || ch == ']') {
                    depth--;
                }
            }
            String trimmed = line.trim();
            if (depthAtStart == 1 && trimmed.startsWith("\"") && trimmed.indexOf("\":") > 0) {
                if (i > 0 && start <= i) {
                    sections.add(new Section(ChunkKind.CONFIG, current, start, i));
                }
                current = trimmed.substring(1, trimmed.indexOf("\":"));
                start = i + 1;
            }
        }
        sections.add(new Section(ChunkKind.CONFIG, current, start, Math.max(start, lines.length)));
        return sections;
    }
}
