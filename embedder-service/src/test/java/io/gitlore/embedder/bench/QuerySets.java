package io.gitlore.embedder.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import io.gitlore.contracts.chunk.ChunkKind;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.text.UnitKeys;

/**
 * The retrieval benchmark's two query sets. (a) Commit subjects: each later commit's subject (not a merge, three words
 * or more) asks for the units and files that commit changed which already existed in the indexed snapshot. (b) Doc
 * comments: a sample of documented Rust functions and methods of the snapshot, each asked for by the first paragraph
 * of its doc comment, with the comment stripped from every indexed copy of that unit.
 */
final class QuerySets {

    /** One query: its text, the unit keys and files that answer it, and where it came from. */
    record Query(String text, Set<String> units, Set<String> files, String source) {
    }

    private QuerySets() {
    }

    static List<Query> commitSubjects(List<ChunkRecord> future, Set<String> currentUnits, Set<String> currentFiles,
                                      int max) {
        TreeMap<Long, List<ChunkRecord>> byCommit = new TreeMap<>();
        future.stream().filter(c -> !c.snapshot())
                .forEach(c -> byCommit.computeIfAbsent(c.commitIndex(), i -> new ArrayList<>()).add(c));
        Map<String, Query> bySubject = new LinkedHashMap<>();
        for (List<ChunkRecord> commit : byCommit.values()) {
            String subject = commit.get(0).subject();
            if (subject == null || subject.startsWith("Merge ") || subject.strip().split("\\s+").length < 3) {
                continue;
            }
            Set<String> units = new LinkedHashSet<>();
            Set<String> files = new LinkedHashSet<>();
            for (ChunkRecord c : commit) {
                if (c.oldStartLine() > 0 && currentUnits.contains(UnitKeys.key(c))) {
                    units.add(UnitKeys.key(c));
                }
                if (currentFiles.contains(c.path())) {
                    files.add(c.path());
                }
                c.otherFiles().stream().filter(currentFiles::contains).forEach(files::add);
            }
            if (units.isEmpty()) {
                continue;
            }
            // Commits sharing a subject are one query whose answers are all of theirs.
            Query known = bySubject.get(subject.strip());
            if (known != null) {
                known.units().addAll(units);
                known.files().addAll(files);
            } else if (bySubject.size() < max) {
                bySubject.put(subject.strip(), new Query(subject.strip(), units, files, commit.get(0).commit()));
            }
        }
        return new ArrayList<>(bySubject.values());
    }

    static List<Query> docComments(List<ChunkRecord> snapshot, int max, long seed) {
        List<Query> candidates = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ChunkRecord c : snapshot) {
            if (!c.snapshot() || !"rust".equals(c.language()) || c.code() == null
                    || c.kind() != ChunkKind.FUNCTION && c.kind() != ChunkKind.METHOD
                    || UnitKeys.chunkerPart(c) > 1 || !seen.add(UnitKeys.key(c))) {
                continue;
            }
            String doc = firstParagraph(c.code());
            if (doc.split("\\s+").length >= 4) {
                candidates.add(new Query(doc, new LinkedHashSet<>(Set.of(UnitKeys.key(c))),
                        new LinkedHashSet<>(Set.of(c.path())), UnitKeys.name(c)));
            }
        }
        Collections.shuffle(candidates, new Random(seed));
        return new ArrayList<>(candidates.subList(0, Math.min(max, candidates.size())));
    }

    /** The first paragraph of the {@code ///} comment a unit's code starts with, as one line; empty when none. */
    static String firstParagraph(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) {
            String t = line.strip();
            if (t.startsWith("#[") && sb.length() == 0) {
                continue; // attributes before the comment
            }
            if (!t.startsWith("///")) {
                break;
            }
            String text = t.substring(3).strip();
            if (text.isEmpty()) {
                if (sb.length() > 0) {
                    break;
                }
                continue;
            }
            sb.append(sb.length() > 0 ? " " : "").append(text);
        }
        String[] words = sb.toString().split("\\s+");
        return words.length > 80 ? String.join(" ", java.util.Arrays.copyOf(words, 80)) : sb.toString();
    }

    /** The chunks with every {@code ///} line removed from the code and hunks of the given units. */
    static List<ChunkRecord> stripDocComments(List<ChunkRecord> chunks, Set<String> units) {
        List<ChunkRecord> out = new ArrayList<>(chunks.size());
        for (ChunkRecord c : chunks) {
            if (!units.contains(UnitKeys.key(c))) {
                out.add(c);
                continue;
            }
            out.add(c.toBuilder().newCode(strip(c.newCode(), 0)).oldCode(strip(c.oldCode(), 0))
                    .hunks(c.hunks() == null ? null : c.hunks().stream().map(h -> strip(h, 1)).toList()).build());
        }
        return out;
    }

    /** Drops the lines that are doc comments after {@code prefix} characters (a hunk line's +, - or space). */
    private static String strip(String text, int prefix) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String body = line.length() >= prefix ? line.substring(prefix).strip() : line.strip();
            if (!body.startsWith("///") || line.startsWith("@@")) {
                sb.append(line).append('\n');
            }
        }
        return sb.substring(0, Math.max(0, sb.length() - 1));
    }

    static String describe(List<Query> queries) {
        double units = queries.stream().mapToInt(q -> q.units().size()).average().orElse(0);
        double files = queries.stream().mapToInt(q -> q.files().size()).average().orElse(0);
        double words = queries.stream().mapToInt(q -> q.text().split("\\s+").length).average().orElse(0);
        return String.format(Locale.ROOT, "%d queries, %.1f words, %.1f relevant units and %.1f files each",
                queries.size(), words, units, files);
    }
}
