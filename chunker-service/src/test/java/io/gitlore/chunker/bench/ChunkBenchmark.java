package io.gitlore.chunker.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.gitlore.chunker.core.ChunkerOptions;
import io.gitlore.chunker.core.PipelinedChunker;
import io.gitlore.chunker.core.JobState;
import io.gitlore.chunker.syntax.ParseMeters;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.serde.Json;
import io.gitlore.scraper.git.HistoryScraper;
import io.gitlore.scraper.git.ScrapeOptions;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.testsupport.FileTrees;
import io.gitlore.testsupport.Mappings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Scrapes a repository's whole history and chunks it, timing both in the same process: prints the scrape time, the
 * chunking time, chunks/s and files/s, and chunking as a share of the scrape (goal: under 20%).
 */
public final class ChunkBenchmark {

    public static void main(String[] args) throws Exception {
        Path repoPath = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        File gitDir = RepositoryCache.FileKey.resolve(repoPath.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new IllegalArgumentException(repoPath + " is not a git repository");
        }
        Path data = Files.createTempDirectory("gitlore-chunk-bench-");
        System.out.printf("repository: %s%n", repoPath);
        for (int round = 1; round <= rounds; round++) {
            FileTrees.delete(data, true);
            BlobStore blobs = new BlobStore(data);
            List<CommitRecord> commits = new ArrayList<>();
            long t0 = System.nanoTime();
            try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
                new HistoryScraper(Mappings.defaults(ScrapeOptions.class), blobs).scrape(repo,
                        new HistoryScraper.Request("bench", "bench", repoPath.toString(), List.of(), null),
                        SeenCommits.none(), new HistoryScraper.Listener() {
                            @Override
                            public void preScan(PreScan preScan) {
                            }

                            @Override
                            public void commit(CommitRecord commit) {
                                Json.write(commit); // the scraper's service path serializes every record
                                commits.add(commit);
                            }
                        });
            }
            double scrapeSeconds = (System.nanoTime() - t0) / 1e9;
            long files = commits.stream().mapToLong(c -> c.files().size()).sum();

            ChunkerOptions options = options();
            JobState job = new JobState("bench", "bench", options.nearDuplicateJaccard());
            long[] bytes = {0};
            long[] serialisingNanos = {0};
            var threadsBean = java.lang.management.ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t1 = System.nanoTime();
            long full;
            long incremental;
            int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
            // The parsers' own meters, the ones the service exposes on /q/metrics, read back for this round.
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            try (PipelinedChunker chunker = new PipelinedChunker(options, blobs, threads, meters)) {
                String chunksOut = System.getProperty("bench.chunks-out");
                java.io.OutputStream out = chunksOut != null && round == rounds
                        ? new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(chunksOut)), 1 << 20) : null;
                for (CommitRecord commit : commits) {
                    chunker.submit(commit, job, chunk -> {
                        long s0 = threadsBean.getCurrentThreadCpuTime();
                        byte[] json = Json.write(chunk);
                        serialisingNanos[0] += threadsBean.getCurrentThreadCpuTime() - s0;
                        bytes[0] += json.length;
                        if (out != null) {
                            write(out, chunk, blobs);
                        }
                    });
                }
                chunker.flush();
                if (out != null) {
                    out.close();
                    System.out.println("chunks written to " + chunksOut + " (claim-checked code inlined)");
                }
                full = parses(meters, "mode", "full");
                incremental = parses(meters, "mode", "incremental");
                System.out.printf("  full parses: %d with the previous version's tree evicted, %d for complexity%n",
                        parses(meters, "reason", "previous-tree-evicted"), parses(meters, "reason", "complexity"));
                System.out.printf("  CPU time: full parses %.2f s, incremental parses %.2f s, unit extraction %.2f s, "
                                + "serialising the chunks to JSON %.2f s%n", cpuSeconds(meters, "full"),
                        cpuSeconds(meters, "incremental"), cpuSeconds(meters, "extract"), serialisingNanos[0] / 1e9);
            }
            double chunkSeconds = (System.nanoTime() - t1) / 1e9;
            double chunkCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            ChunkingStats stats = job.stats();
            System.out.printf("round %d: scrape %.2f s (%d commits, %d file changes) | chunk %.2f s: %d chunks "
                            + "(%.0f chunks/s, %.0f files/s, %.1f MB JSON, %.1f s CPU), parses %d full + %d incremental | "
                            + "chunking = %.0f%% of scrape time%n", round, scrapeSeconds, commits.size(), files,
                    chunkSeconds, stats.emitted(), stats.emitted() / chunkSeconds, files / chunkSeconds,
                    bytes[0] / 1e6, chunkCpu, full, incremental, 100 * chunkSeconds / scrapeSeconds);
            if (round == rounds) {
                System.out.println("chunking_stats: " + new String(Json.MAPPER.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(stats)));
            }
        }
        FileTrees.delete(data, true);
    }

    /** Defaults, with {@code -Dbench.cached-trees} and {@code -Dbench.cached-files} to see what the caches buy. */
    private static ChunkerOptions options() {
        List<String> overrides = new ArrayList<>();
        for (String knob : List.of("cached-trees", "cached-files")) {
            String value = System.getProperty("bench." + knob);
            if (value != null) {
                overrides.addAll(List.of(knob, value));
            }
        }
        return Mappings.of(ChunkerOptions.class, overrides.toArray(String[]::new));
    }

    private static long parses(MeterRegistry meters, String tag, String value) {
        return (long) meters.find(ParseMeters.PARSES).tag(tag, value).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static double cpuSeconds(MeterRegistry meters, String phase) {
        return meters.get(ParseMeters.PARSE_CPU).tag("phase", phase).timer().totalTime(TimeUnit.SECONDS);
    }

    /** One chunk as a JSON line with its claim-checked code inlined, so later benchmarks need no blob store. */
    @SuppressWarnings("unchecked")
    private static void write(java.io.OutputStream out, io.gitlore.contracts.chunk.ChunkRecord chunk, BlobStore blobs) {
        try {
            java.util.Map<String, Object> m = Json.MAPPER.convertValue(chunk, java.util.Map.class);
            if (chunk.newCodeRef() != null) {
                m.put("newCode", new String(blobs.get(chunk.newCodeRef()), java.nio.charset.StandardCharsets.UTF_8));
                m.remove("newCodeRef");
            }
            if (chunk.oldCodeRef() != null) {
                m.put("oldCode", new String(blobs.get(chunk.oldCodeRef()), java.nio.charset.StandardCharsets.UTF_8));
                m.remove("oldCodeRef");
            }
            out.write(Json.write(m));
            out.write('\n');
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
