package io.gitlore.embedder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.search.SearchHit;
import io.gitlore.embedder.model.InferenceOptions;
import io.gitlore.embedder.model.ModelSpec;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.search.SearchMode;
import io.gitlore.embedder.service.EmbeddingPipeline;
import io.gitlore.embedder.service.JobStats;
import io.gitlore.embedder.service.PipelineListener;
import io.gitlore.embedder.service.VectorCache;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.store.Payloads;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.testing.ChunkStreams;
import io.gitlore.embedder.testing.Retries;
import io.gitlore.embedder.text.UnitKeys;
import io.gitlore.testsupport.FileTrees;
import io.gitlore.testsupport.Mappings;
import io.gitlore.embedder.config.EmbedderConfig;

/**
 * Retrieval quality and indexing cost on a real repository's history, cut at a commit: the index holds the history up
 * to the cut and the snapshot at it ({@code INDEX.jsonl}, from bench/ChunkDump.java), the queries come from what
 * followed ({@code FUTURE.jsonl}: the later commits) and from the snapshot's doc comments ({@link QuerySets}), so no
 * query text is in the index. Prints, for BM25, vector and hybrid search, recall@10, MRR and nDCG@10 at unit and file
 * level with 95% bootstrap intervals, and the paired differences between the modes. With {@code -Dbench.legacy=true}
 * it also builds the index the way the embedder did before (every chunk's whole unit with its changed lines, one point
 * per chunk, cut at the model's limit) and reports its cost and quality, grouped by unit and as a person saw it.
 *
 * <pre>RetrievalBenchmark INDEX.jsonl FUTURE.jsonl  [-Dbench.queries=250] [-Dbench.legacy=true] [-Dbench.model=...]</pre>
 */
public final class RetrievalBenchmark {

    static final int K = 10;
    private static final int RESAMPLES = 2000;
    private static final long SEED = 20261129L;

    /** Per-query metric values of one system on one query set, at unit and file level. */
    record Scores(double[][] unit, double[][] file) {
        static Scores of(int queries) {
            return new Scores(new double[3][queries], new double[3][queries]);
        }
    }

    public static void main(String[] args) throws Exception {
        List<ChunkRecord> indexed = ChunkStreams.read(Path.of(args[0]));
        List<ChunkRecord> future = ChunkStreams.read(Path.of(args[1]));
        int max = Integer.getInteger("bench.queries", 250);
        List<ChunkRecord> snapshot = indexed.stream().filter(ChunkRecord::snapshot).toList();
        Set<String> currentUnits = new HashSet<>();
        Set<String> currentFiles = new HashSet<>();
        snapshot.forEach(c -> {
            currentUnits.add(UnitKeys.key(c));
            currentFiles.add(c.path());
        });
        Map<String, List<QuerySets.Query>> sets = new LinkedHashMap<>();
        sets.put("(a) commit subject", QuerySets.commitSubjects(future, currentUnits, currentFiles, max));
        sets.put("(b) doc comment", QuerySets.docComments(snapshot, max, SEED));
        Set<String> documented = new HashSet<>();
        sets.get("(b) doc comment").forEach(q -> documented.addAll(q.units()));
        List<ChunkRecord> chunks = QuerySets.stripDocComments(indexed, documented);
        String repo = indexed.get(0).repositoryId();
        System.out.printf("%s: %d chunks (%d of the snapshot, %d units, %d files) indexed; %s later chunks%n",
                args[0], chunks.size(), snapshot.size(), currentUnits.size(), currentFiles.size(), future.size());
        sets.forEach((name, queries) -> System.out.printf("%s: %s%n", name, QuerySets.describe(queries)));

        Path data = Files.createTempDirectory("gitlore-retrieval-bench-");
        ModelSpec spec = ModelSpec.builtIn(System.getProperty("bench.model", ModelSpec.BGE_SMALL));
        try (TextEmbedder embedder = TextEmbedder.load(spec, data, Mappings.defaults(InferenceOptions.class));
             LuceneVectorStore store = new LuceneVectorStore(data.resolve("index"));
             VectorCache cache = new VectorCache(data.resolve("cache"), embedder.dimension())) {
            EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, cache, store, Retries.untilBack(1000, 5000),
                    ref -> {
                        throw new IllegalStateException("bench chunks carry their code inline");
                    }, EmbeddingPipeline.Options.of(Mappings.defaults(EmbedderConfig.class)), new PipelineListener() { });
            chunks.forEach(c -> pipeline.add(c, () -> { }));
            JobStats stats = pipeline.finish(chunks.get(0).jobId());
            Map<String, Object> cost = stats.toMap();
            System.out.printf("%nafter (units once, changes as what changed): %s texts embedded, %s tokens, %.1f s "
                            + "(%.0f tokens/s); %d points (%s current-code points in %s extra parts, %s changes, %s "
                            + "near-duplicates sharing a vector), %s truncated%n", cost.get("embedded"),
                    cost.get("embeddedTokens"), stats.seconds(), ((Number) cost.get("embeddedTokens")).doubleValue()
                            / stats.seconds(), store.count(repo), cost.get("versions"), cost.get("extraParts"),
                    cost.get("changes"), cost.get("nearDuplicates"), cost.get("truncated"));
            long points = store.count(repo);
            List<ChunkRecord> again = chunks.stream().filter(ChunkRecord::snapshot)
                    .map(c -> c.toBuilder().jobId("rerun").build()).toList();
            again.forEach(c -> pipeline.add(c, () -> { }));
            JobStats rerun = pipeline.finish("rerun");
            System.out.printf("re-run with no new commits (the snapshot again): %d points written, %d texts embedded, "
                            + "%d unchanged, %d removed; the index holds %d points, %d before; %.1f s%n",
                    rerun.points(), rerun.embedded(), rerun.unchanged(), rerun.removed(), store.count(repo), points,
                    rerun.seconds());
            Map<String, String> unitIds = unitIds(store, repo, currentUnits);
            Retriever retriever = new Retriever(embedder, store, 60, 50);
            Map<String, Map<SearchMode, Scores>> results = new LinkedHashMap<>();
            sets.forEach((name, queries) -> results.put(name, evaluate(queries, unitIds, (q, mode) -> grouped(
                    retriever.search(repo, q, 3 * K, SearchFilters.NONE, mode, 0)))));
            report("after", results, sets);

            if (Boolean.getBoolean("bench.legacy")) {
                LegacyIndex.run(embedder, data, chunks, repo, unitIds, sets);
            }
        }
        FileTrees.delete(data, false);
    }

    /** A unit ranking (ids) and a file ranking (distinct paths in order) of one search. */
    record Ranking(List<String> units, List<String> files) {
    }

    interface Search {
        Ranking run(String query, SearchMode mode);
    }

    static Ranking grouped(List<SearchHit> hits) {
        List<String> units = hits.stream().map(SearchHit::id).toList();
        List<String> files = new ArrayList<>(new LinkedHashSet<>(hits.stream().map(SearchHit::path).toList()));
        return new Ranking(units, files);
    }

    /** Ranks points as they come (no grouping): each point counts as its unit and file, duplicates taking slots. */
    static Ranking ungrouped(List<PointHit> points) {
        List<String> units = points.stream().map(p -> p.text(Payloads.UNIT_ID)).toList();
        List<String> files = new ArrayList<>(new LinkedHashSet<>(points.stream().map(p -> p.text(Payloads.PATH))
                .toList()));
        return new Ranking(units, files);
    }

    static Map<SearchMode, Scores> evaluate(List<QuerySets.Query> queries, Map<String, String> unitIds,
                                            Search search) {
        Map<SearchMode, Scores> out = new LinkedHashMap<>();
        for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.VECTOR, SearchMode.HYBRID)) {
            Scores scores = Scores.of(queries.size());
            for (int i = 0; i < queries.size(); i++) {
                QuerySets.Query q = queries.get(i);
                Ranking ranking = search.run(q.text(), mode);
                Set<String> units = new HashSet<>();
                q.units().forEach(key -> units.add(unitIds.getOrDefault(key, key)));
                score(scores.unit(), i, ranking.units(), units);
                score(scores.file(), i, ranking.files(), q.files());
            }
            out.put(mode, scores);
        }
        return out;
    }

    private static void score(double[][] into, int i, List<String> ranked, Set<String> relevant) {
        if (relevant.isEmpty()) {
            return;
        }
        into[0][i] = RetrievalMetrics.recall(ranked, relevant, K);
        into[1][i] = RetrievalMetrics.reciprocalRank(ranked, relevant, K);
        into[2][i] = RetrievalMetrics.ndcg(ranked, relevant, K);
    }

    /** Unit key → unit id as the index assigned them. */
    static Map<String, String> unitIds(LuceneVectorStore store, String repo, Set<String> keys) {
        Map<String, String> out = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 200) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + 200));
            store.find(repo, Payloads.UNIT_KEY, batch, 1_000_000)
                    .forEach(h -> out.putIfAbsent(h.text(Payloads.UNIT_KEY), h.text(Payloads.UNIT_ID)));
        }
        return out;
    }

    static void report(String system, Map<String, Map<SearchMode, Scores>> results,
                       Map<String, List<QuerySets.Query>> sets) {
        String[] metrics = {"recall@10", "MRR", "nDCG@10"};
        for (Map.Entry<String, Map<SearchMode, Scores>> set : results.entrySet()) {
            for (String level : List.of("unit", "file")) {
                System.out.printf("%n%s, %s, %s level (%d queries)%n%n| mode | %s | %s | %s |%n|---|---|---|---|%n",
                        system, set.getKey(), level, sets.get(set.getKey()).size(), metrics[0], metrics[1],
                        metrics[2]);
                Map<SearchMode, double[][]> byMode = new LinkedHashMap<>();
                set.getValue().forEach((mode, s) -> byMode.put(mode, level.equals("unit") ? s.unit() : s.file()));
                byMode.forEach((mode, m) -> System.out.printf("| %s | %s | %s | %s |%n",
                        mode.name().toLowerCase(Locale.ROOT), RetrievalMetrics.bootstrap(m[0], RESAMPLES, SEED),
                        RetrievalMetrics.bootstrap(m[1], RESAMPLES, SEED),
                        RetrievalMetrics.bootstrap(m[2], RESAMPLES, SEED)));
                for (SearchMode[] pair : new SearchMode[][] {{SearchMode.HYBRID, SearchMode.BM25},
                        {SearchMode.HYBRID, SearchMode.VECTOR}, {SearchMode.VECTOR, SearchMode.BM25}}) {
                    double[][] a = byMode.get(pair[0]);
                    double[][] b = byMode.get(pair[1]);
                    System.out.printf("| %s − %s | %s | %s | %s |%n", pair[0].name().toLowerCase(Locale.ROOT),
                            pair[1].name().toLowerCase(Locale.ROOT),
                            RetrievalMetrics.paired(a[0], b[0], RESAMPLES, SEED),
                            RetrievalMetrics.paired(a[1], b[1], RESAMPLES, SEED),
                            RetrievalMetrics.paired(a[2], b[2], RESAMPLES, SEED));
                }
            }
        }
    }
}
