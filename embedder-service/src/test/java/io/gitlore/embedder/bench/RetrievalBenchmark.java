package io.gitlore.embedder.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.embedder.model.InferenceOptions;
import io.gitlore.embedder.model.ModelSpec;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.search.SearchMode;
import io.gitlore.embedder.service.EmbeddingPipeline;
import io.gitlore.embedder.service.VectorCache;
import io.gitlore.embedder.store.LuceneVectorStore;
import io.gitlore.embedder.store.PointIds;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.store.PointHit;
import io.gitlore.embedder.testing.Retries;
import io.gitlore.testsupport.FileTrees;
import io.gitlore.testsupport.Mappings;

/**
 * Retrieval quality measured on a repository's own history: indexes the chunks of its most recent commits (up to a
 * chunk budget), then for each held-out commit (the most recent 30% of those commits, by history order, whose
 * subject has 3+ words and is not a merge; at most 100) asks the commit's subject and counts that commit's own
 * chunks as relevant; prints recall@10 and MRR for BM25, vector and hybrid. Nothing in the search was tuned on
 * these commits, and subjects are not part of the indexed text.
 */
public final class RetrievalBenchmark {

    public static void main(String[] args) throws Exception {
        Path chunksFile = Path.of(args[0]);
        int budget = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int k = 10;
        String model = System.getProperty("bench.model", ModelSpec.BGE_SMALL);

        TreeMap<Long, List<ChunkRecord>> byCommit = new TreeMap<>();
        for (ChunkRecord c : BenchChunks.read(chunksFile)) {
            if (!c.snapshot() && c.duplicateOf() == null && c.code() != null && !c.code().isBlank()) {
                byCommit.computeIfAbsent(c.commitIndex(), i -> new ArrayList<>()).add(c);
            }
        }
        // The most recent commits whose chunks fit the budget.
        List<List<ChunkRecord>> window = new ArrayList<>();
        int total = 0;
        for (List<ChunkRecord> commit : byCommit.descendingMap().values()) {
            if (total + commit.size() > budget && !window.isEmpty()) {
                break;
            }
            window.add(0, commit);
            total += commit.size();
        }
        int heldOutFrom = window.size() - Math.max(1, window.size() * 3 / 10);
        Map<String, Set<String>> queries = new LinkedHashMap<>();
        for (List<ChunkRecord> commit : window.subList(heldOutFrom, window.size())) {
            String subject = commit.get(0).subject();
            if (subject == null || subject.startsWith("Merge ") || subject.strip().split("\\s+").length < 3) {
                continue;
            }
            if (queries.size() >= 100) {
                break;
            }
            Set<String> relevant = new HashSet<>();
            commit.forEach(c -> relevant.add(PointIds.of(c.chunkId())));
            queries.merge(subject, relevant, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        System.out.printf("%s: %d commits (%d chunks) indexed; %d held-out commits with a subject of 3+ words as "
                + "queries%n", chunksFile, window.size(), total, queries.size());

        Path data = Files.createTempDirectory("gitlore-retrieval-bench-");
        try (TextEmbedder embedder = TextEmbedder.load(ModelSpec.builtIn(model), data,
                Mappings.defaults(InferenceOptions.class));
             LuceneVectorStore store = new LuceneVectorStore(data.resolve("index"));
             VectorCache cache = new VectorCache(data.resolve("cache"), embedder.dimension())) {
            long t0 = System.nanoTime();
            EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, cache, store,
                    Retries.untilBack(1000, 5000), ref -> {
                        throw new IllegalStateException("bench chunks carry their code inline");
                    }, new EmbeddingPipeline.Options(256, true), new EmbeddingPipeline.Listener() { });
            String repo = window.get(0).get(0).repositoryId();
            for (List<ChunkRecord> commit : window) {
                commit.forEach(c -> pipeline.add(c, () -> { }));
            }
            EmbeddingPipeline.JobStats stats = pipeline.finish(window.get(0).get(0).jobId());
            System.out.printf("indexed %d points with %s in %.1f s (%.1f chunks/s)%n", stats.points(),
                    embedder.spec().id(), stats.seconds(), stats.points() / stats.seconds());

            Retriever retriever = new Retriever(embedder, store, 60, 50);
            System.out.printf("%n| mode | recall@%d | MRR |%n|---|---|---|%n", k);
            for (SearchMode mode : List.of(SearchMode.BM25, SearchMode.VECTOR, SearchMode.HYBRID)) {
                double recall = 0;
                double mrr = 0;
                for (Map.Entry<String, Set<String>> q : queries.entrySet()) {
                    List<PointHit> hits = retriever.search(repo, q.getKey(), k, SearchFilters.NONE, mode);
                    int found = 0;
                    double rr = 0;
                    for (int i = 0; i < hits.size(); i++) {
                        if (q.getValue().contains(hits.get(i).id())) {
                            found++;
                            if (rr == 0) {
                                rr = 1.0 / (i + 1);
                            }
                        }
                    }
                    recall += (double) found / Math.min(q.getValue().size(), k);
                    mrr += rr;
                }
                System.out.printf("| %s | %.3f | %.3f |%n", mode.name().toLowerCase(), recall / queries.size(),
                        mrr / queries.size());
            }
        }
        FileTrees.delete(data, true);
    }
}
