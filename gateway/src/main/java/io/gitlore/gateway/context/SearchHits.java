package io.gitlore.gateway.context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.gateway.context.ContextAnswer.Change;

/**
 * Reads the embedder's search answer into code units: flat hits ({@code id, score, content, metadata}) of the same
 * unit (path and qualified name, or path and kind for whole files) are grouped, best rank first; a hit's own
 * {@code history}, {@code firstSeen} and {@code tests}, when the embedder sends them, are kept as given. Lenient in
 * what it reads (a field missing or of another shape is left out), as the embedder's answer grows.
 */
final class SearchHits {

    /** One unit: its best score, the version to show, and what the hits said of its history. */
    record UnitHits(String path, String name, String kind, String language, Integer startLine, Integer endLine,
                    double score, String content, boolean deleted, List<Change> ownCommits, List<Change> history,
                    Change firstSeen, List<String> tests) {
    }

    private SearchHits() {
    }

    static List<UnitHits> units(JsonNode answer) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode hit : answer.path("hits")) {
            JsonNode m = hit.path("metadata");
            String path = text(m, "path");
            if (path == null) {
                path = text(hit, "path");
            }
            if (path == null) {
                continue;
            }
            String name = name(hit);
            String key = path + "\u0000" + (name != null ? name : "#" + text(m, "kind"));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(hit);
        }
        List<UnitHits> units = new ArrayList<>();
        for (List<JsonNode> hits : groups.values()) {
            units.add(unit(hits));
        }
        return units;
    }

    private static UnitHits unit(List<JsonNode> hits) {
        JsonNode shown = hits.get(0);
        for (JsonNode hit : hits) {
            if (hit.path("metadata").path("snapshot").asBoolean(false)) {
                shown = hit; // the current version of the code, when the index holds it
                break;
            }
        }
        double score = hits.stream().mapToDouble(h -> h.path("score").asDouble(0)).max().orElse(0);
        List<Change> own = new ArrayList<>();
        List<Change> history = null;
        Change firstSeen = null;
        List<String> tests = null;
        boolean deleted = false;
        for (JsonNode hit : hits) {
            Change change = change(hit.path("metadata"));
            if (change != null && own.stream().noneMatch(c -> c.commit().equals(change.commit()))) {
                own.add(change);
            }
            if (history == null && hit.path("history").isArray()) {
                history = new ArrayList<>();
                for (JsonNode h : hit.path("history")) {
                    Change c = change(h);
                    if (c != null) {
                        history.add(c);
                    }
                }
            }
            if (firstSeen == null) {
                firstSeen = change(first(hit, "firstSeen", "introduced", "firstCommit"));
            }
            if (tests == null && hit.path("tests").isArray()) {
                tests = new ArrayList<>();
                for (JsonNode t : hit.path("tests")) {
                    String test = t.isTextual() ? t.asText() : text(t, "path");
                    if (test != null) {
                        tests.add(test);
                    }
                }
            }
            deleted |= hit.path("deleted").asBoolean(false) || hit.path("metadata").path("deleted").asBoolean(false);
        }
        own.sort((a, b) -> b.time() == null ? -1 : a.time() == null ? 1 : b.time().compareTo(a.time()));
        boolean current = hits.stream().anyMatch(h -> h.path("metadata").path("snapshot").asBoolean(false));
        // Without a current version, a unit whose latest change removed it is gone from the code.
        deleted |= !current && !own.isEmpty() && "deleted".equalsIgnoreCase(own.get(0).changeType());
        JsonNode m = shown.path("metadata");
        return new UnitHits(text(m, "path") != null ? text(m, "path") : text(shown, "path"), name(shown),
                text(m, "kind"), text(m, "language"), integer(m, "start_line"), integer(m, "end_line"), score,
                text(shown, "content"), deleted, own, history, firstSeen, tests);
    }

    private static String name(JsonNode hit) {
        JsonNode m = hit.path("metadata");
        String qualified = text(m, "qualified_name");
        return qualified != null ? qualified : text(m, "name");
    }

    private static JsonNode first(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.path(field).isObject()) {
                return node.path(field);
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A commit as the metadata or a history entry names it: hash, time, author, subject, change type. */
    static Change change(JsonNode node) {
        String commit = firstText(node, "commit", "hash", "id");
        if (commit == null) {
            return null;
        }
        JsonNode author = node.path("author");
        String who = author.isObject() ? text(author, "name") : text(node, "author");
        Instant time = time(node.has("time") ? node.path("time") : node.has("date") ? node.path("date")
                : node.has("at") ? node.path("at") : node.has("timestamp") ? node.path("timestamp")
                : author.path("time"));
        return new Change(commit, time, who, firstText(node, "subject", "message"),
                firstText(node, "changeType", "change_type"));
    }

    private static Instant time(JsonNode value) {
        if (value.isNumber()) {
            long n = value.asLong();
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.asText()).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToInt() && value.isNumber() ? value.asInt() : null;
    }
}
