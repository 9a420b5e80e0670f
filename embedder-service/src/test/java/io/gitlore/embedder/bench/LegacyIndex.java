package io.gitlore.embedder.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.search.SearchMode;
import io.gitlore.embedder.service.VectorCache;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.store.PointIds;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.store.VectorPoint;
import io.gitlore.embedder.text.UnitKeys;

/**
 * The index as the embedder built it before units and changes were told apart, for the benchmark's before/after: every
 * chunk that is not an exact duplicate is one point whose text is a header, the lines its commit changed (at most
 * 1,200 characters) and the whole unit, cut at the model's token limit; each distinct text embedded once. Its quality is
 * measured twice: grouped by unit like today's hits, and point by point as a person saw it then.
 */
final class LegacyIndex {

    private LegacyIndex() {
    }

    static void run(TextEmbedder embedder, Path data, List<ChunkRecord> chunks, String repo,
                    Map<String, String> unitIds, Map<String, List<QuerySets.Query>> sets) {
        try (LuceneVectorStore store = new LuceneVectorStore(data.resolve("legacy-index"));
             VectorCache cache = new VectorCache(data.resolve("legacy-cache"), embedder.dimension())) {
            store.ensureCollection(repo, embedder.dimension());
            long texts0 = embedder.embeddedTexts();
            long tokens0 = embedder.embeddedTokens();
            long truncated0 = embedder.truncatedTexts();
            long fullTokens = 0;
            long t0 = System.nanoTime();
            List<ChunkRecord> kept = chunks.stream().filter(c -> c.duplicateOf() == null && c.code() != null
                    && !c.code().isBlank()).toList();
            for (int from = 0; from < kept.size(); from += 256) {
                List<ChunkRecord> batch = kept.subList(from, Math.min(kept.size(), from + 256));
                Map<String, String> missing = new LinkedHashMap<>();
                List<String> texts = new ArrayList<>();
                for (ChunkRecord c : batch) {
                    String text = text(c);
                    texts.add(text);
                    String key = VectorCache.key(embedder.spec().id() + '\n' + text);
                    if (cache.get(key) == null && !missing.containsKey(key)) {
                        missing.put(key, text);
                        fullTokens += embedder.countTokens(text);
                    }
                }
                float[][] fresh = embedder.embedDocuments(new ArrayList<>(missing.values()));
                int i = 0;
                for (String key : missing.keySet()) {
                    cache.put(key, fresh[i++]);
                }
                List<VectorPoint> points = new ArrayList<>();
                for (int j = 0; j < batch.size(); j++) {
                    ChunkRecord c = batch.get(j);
                    Map<String, Object> m = new LinkedHashMap<>();
                    String key = UnitKeys.key(c);
                    m.put(Payloads.UNIT_ID, unitIds.getOrDefault(key, key));
                    m.put(Payloads.PATH, c.path());
                    m.put("qualified_name", c.qualifiedName());
                    points.add(new VectorPoint(PointIds.of(c.chunkId()), cache.get(VectorCache.key(embedder.spec()
                            .id() + '\n' + texts.get(j))), texts.get(j), m));
                }
                store.upsert(repo, points, from + 256 >= kept.size());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long tokens = embedder.embeddedTokens() - tokens0;
            System.out.printf(Locale.ROOT, "%nbefore (one point per chunk, whole unit): %d texts embedded, %d tokens "
                            + "(%d before cutting at %d), %.1f s (%.0f tokens/s); %d points, %d texts cut at the "
                            + "limit%n", embedder.embeddedTexts() - texts0, tokens, fullTokens,
                    embedder.spec().maxTokens(), seconds, tokens / seconds, store.count(repo),
                    embedder.truncatedTexts() - truncated0);

            Retriever retriever = new Retriever(embedder, store, 60, 50);
            Map<String, Map<SearchMode, RetrievalBenchmark.Scores>> grouped = new LinkedHashMap<>();
            Map<String, Map<SearchMode, RetrievalBenchmark.Scores>> points = new LinkedHashMap<>();
            sets.forEach((name, queries) -> {
                grouped.put(name, RetrievalBenchmark.evaluate(queries, unitIds, (q, mode) ->
                        RetrievalBenchmark.grouped(retriever.search(repo, q, 3 * RetrievalBenchmark.K,
                                SearchFilters.NONE, mode, 0))));
                points.put(name, RetrievalBenchmark.evaluate(queries, unitIds, (q, mode) ->
                        RetrievalBenchmark.ungrouped(points(store, embedder, repo, q, mode))));
            });
            RetrievalBenchmark.report("before, grouped by unit", grouped, sets);
            RetrievalBenchmark.report("before, one hit per point", points, sets);
        }
    }

    /** The point ranking of one mode, without grouping (hybrid fuses the two point rankings by reciprocal rank). */
    private static List<PointHit> points(LuceneVectorStore store, TextEmbedder embedder, String repo, String q,
                                         SearchMode mode) {
        int n = 3 * RetrievalBenchmark.K;
        List<PointHit> vector = mode == SearchMode.BM25 ? List.of()
                : store.vectorSearch(repo, embedder.embedQuery(q), 50, SearchFilters.NONE);
        List<PointHit> keyword = mode == SearchMode.VECTOR ? List.of()
                : store.keywordSearch(repo, q, 50, SearchFilters.NONE);
        if (mode != SearchMode.HYBRID) {
            List<PointHit> one = mode == SearchMode.BM25 ? keyword : vector;
            return one.subList(0, Math.min(n, one.size()));
        }
        Map<String, PointHit> byId = new LinkedHashMap<>();
        vector.forEach(p -> byId.putIfAbsent(p.id(), p));
        keyword.forEach(p -> byId.putIfAbsent(p.id(), p));
        return Retriever.fuse(List.of(asUnits(vector), asUnits(keyword)), 60, n).stream()
                .map(u -> byId.get(u.unitId())).toList();
    }

    private static List<Retriever.RankedUnit> asUnits(List<PointHit> points) {
        return points.stream().map(p -> new Retriever.RankedUnit(p.id(), p.score(), new java.util.HashSet<>()))
                .toList();
    }

    /** The text the embedder used to embed a chunk as: header, changed lines of a modified unit, the unit. */
    static String text(ChunkRecord chunk) {
        String name = chunk.qualifiedName() != null && !chunk.qualifiedName().isBlank() ? chunk.qualifiedName()
                : chunk.name();
        StringBuilder sb = new StringBuilder();
        sb.append(chunk.path()).append(" · ").append(chunk.kind().name().toLowerCase(Locale.ROOT));
        if (name != null && !name.isBlank()) {
            sb.append(' ').append(name);
        }
        sb.append('\n');
        if (!chunk.snapshot() && chunk.hunks() != null && chunk.oldStartLine() > 0 && chunk.newCode() != null) {
            StringBuilder changed = new StringBuilder();
            outer:
            for (String hunk : chunk.hunks()) {
                for (String line : hunk.split("\n")) {
                    if ((line.startsWith("+") || line.startsWith("-")) && !line.startsWith("+++")
                            && !line.startsWith("---") && !line.substring(1).isBlank()) {
                        if (changed.length() + line.length() > 1200) {
                            break outer;
                        }
                        changed.append(line).append('\n');
                    }
                }
            }
            if (changed.length() > 0) {
                sb.append(changed).append('\n');
            }
        }
        return sb.append(chunk.code()).toString();
    }
}
