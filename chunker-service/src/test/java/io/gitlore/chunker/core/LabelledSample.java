package io.gitlore.chunker.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlore.chunker.core.ChangeClassifier.UnitDiff;
import io.gitlore.contracts.chunk.ChangeKind;
import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.serde.Json;

/**
 * A hand-labelled sample of real chunks (one JSON object a line: the commit, unit, subject, body, code on both sides,
 * removed and added lines, the label a person gave it after reading the commit, and the change type the earlier
 * rules gave it): the change-type rules are scored against it, before and after, as a confusion table.
 */
final class LabelledSample {

    /** Scores of one sample: confusion counts keyed {@code truth -> predicted -> count}. */
    record Result(int rows, int unchanged, Map<String, Map<String, Integer>> before,
                  Map<String, Map<String, Integer>> after) {

        double accuracyBefore() {
            return accuracy(before);
        }

        double accuracyAfter() {
            return accuracy(after);
        }

        private double accuracy(Map<String, Map<String, Integer>> table) {
            int right = 0;
            for (var row : table.entrySet()) {
                right += row.getValue().getOrDefault(row.getKey(), 0);
            }
            return (double) right / rows;
        }

        /** Both confusion tables as Markdown, rows the label, columns the prediction. */
        String report() {
            return rows + " labelled chunks (" + unchanged + " more were units whose text did not change)\nbefore: "
                    + table(before) + String.format("accuracy %.1f%%%n", 100 * accuracyBefore())
                    + "after: " + table(after) + String.format("accuracy %.1f%%%n", 100 * accuracyAfter());
        }

        private String table(Map<String, Map<String, Integer>> t) {
            TreeSet<String> kinds = new TreeSet<>(t.keySet());
            t.values().forEach(m -> kinds.addAll(m.keySet()));
            StringBuilder sb = new StringBuilder("\n| label \\ rules |");
            kinds.forEach(k -> sb.append(' ').append(k).append(" |"));
            sb.append("\n|---|").append("---:|".repeat(kinds.size())).append('\n');
            for (String truth : kinds) {
                sb.append("| ").append(truth).append(" |");
                for (String predicted : kinds) {
                    sb.append(' ').append(t.getOrDefault(truth, Map.of()).getOrDefault(predicted, 0)).append(" |");
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }

    /** The label of a sampled chunk whose unit's text was the same on both sides (no longer emitted). */
    static final String UNCHANGED = "UNCHANGED";

    private LabelledSample() {
    }

    static Result evaluate(String resource) {
        Map<String, Map<String, Integer>> before = new TreeMap<>();
        Map<String, Map<String, Integer>> after = new TreeMap<>();
        int rows = 0;
        int unchanged = 0;
        try (InputStream in = LabelledSample.class.getResourceAsStream(resource)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = Json.MAPPER.readTree(line);
                String label = row.get("label").asText();
                if (label.equals(UNCHANGED)) {
                    unchanged++; // sampled from the earlier chunker, which emitted units whose text did not change
                    continue;
                }
                ChangeKind predicted = ChangeClassifier.classify("rust", ChunkKind.valueOf(row.get("kind").asText()),
                        ChangeClassifier.UnitChange.MODIFIED, row.get("subject").asText(), row.get("body").asText(),
                        new UnitDiff(row.get("oldCode").asText(), row.get("newCode").asText(), lines(row, "removed"),
                                lines(row, "added")));
                before.computeIfAbsent(label, k -> new TreeMap<>()).merge(row.get("before").asText(), 1, Integer::sum);
                after.computeIfAbsent(label, k -> new TreeMap<>()).merge(predicted.name(), 1, Integer::sum);
                rows++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(rows, unchanged, before, after);
    }

    private static List<String> lines(JsonNode row, String field) {
        List<String> lines = new ArrayList<>();
        row.get(field).forEach(l -> lines.add(l.asText()));
        return lines;
    }
}
