import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.gitlore.chunker.core.ChunkerOptions;
import io.gitlore.chunker.core.JobState;
import io.gitlore.chunker.core.PipelinedChunker;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.contracts.serde.Json;
import io.gitlore.scraper.git.HistoryScraper;
import io.gitlore.scraper.git.ScrapeOptions;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Fixtures;
import io.gitlore.testsupport.Mappings;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Runs the real scraper and chunker on a repository, as one job of the service would (its commits, then the snapshot
 * of a ref), and writes the chunk stream as JSON lines with claim-checked code inlined. Launched as a single-file
 * program on the chunker's test class path (bench/embed.sh does it), so it needs no module of its own.
 *
 * <pre>
 * java -cp CP bench/ChunkDump.java OUT.jsonl REPOSITORY [--refs r1,r2] [--since COMMIT] [--snapshot-ref REF]
 *      [--no-snapshot] [--state DIR] [--job ID] [--repository-id ID]
 * java -cp CP bench/ChunkDump.java OUT-PREFIX fixture:rerun DIR
 * </pre>
 * With {@code --state}, commits recorded there as seen are skipped and the emitted ones recorded, as the scraper
 * service does between jobs. {@code fixture:rerun} builds the embedder's re-run fixture (the test-support rich history
 * plus a move, a deletion and an overlong function) in DIR and writes two jobs, {@code OUT-PREFIX-job1.jsonl} and
 * {@code -job2.jsonl}: the whole history with its snapshot, then a re-run with no new commits (the 6,000-line
 * generated table's 150 line windows are left out of both, to keep the files small).
 */
public final class ChunkDump {

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[1].equals("fixture:rerun")) {
            Path dir = Path.of(args[2]);
            try (FixtureRepo repo = rerunFixture(dir)) {
                Path state = Files.createTempDirectory("chunkdump-state-");
                for (int job = 1; job <= 2; job++) {
                    dump(Path.of(args[0] + "-job" + job + ".jsonl"), dir, List.of(), null, true, null, state,
                            "rerun-job-" + job, "rerun-fixture", "data/table.txt");
                }
            }
            return;
        }
        Path out = Path.of(args[0]);
        Path repo = Path.of(args[1]).toAbsolutePath();
        List<String> refs = List.of();
        String since = null;
        String snapshotRef = null;
        boolean snapshot = true;
        Path state = null;
        String jobId = "bench";
        String repositoryId = "bench";
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--refs" -> refs = Arrays.asList(args[++i].split(","));
                case "--since" -> since = args[++i];
                case "--snapshot-ref" -> snapshotRef = args[++i];
                case "--no-snapshot" -> snapshot = false;
                case "--state" -> state = Path.of(args[++i]);
                case "--job" -> jobId = args[++i];
                case "--repository-id" -> repositoryId = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        dump(out, repo, refs, since, snapshot, snapshotRef, state, jobId, repositoryId, null);
    }

    static void dump(Path out, Path repoPath, List<String> refs, String since, boolean snapshot, String snapshotRef,
                     Path state, String jobId, String repositoryId, String leaveOut) throws Exception {
        File gitDir = RepositoryCache.FileKey.resolve(repoPath.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new IllegalArgumentException(repoPath + " is not a git repository");
        }
        Path data = Files.createTempDirectory("chunkdump-");
        BlobStore blobs = new BlobStore(data);
        SeenCommits seen = state == null ? SeenCommits.none() : SeenCommits.load(state, repositoryId);
        ChunkerOptions options = Mappings.defaults(ChunkerOptions.class);
        JobState job = new JobState(jobId, repositoryId, options.nearDuplicateJaccard());
        long[] counts = new long[2];
        long t0 = System.nanoTime();
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
             PipelinedChunker chunker = new PipelinedChunker(options, blobs,
                     Runtime.getRuntime().availableProcessors(), new io.micrometer.core.instrument.simple
                     .SimpleMeterRegistry());
             OutputStream sink = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            HistoryScraper.Result result = new HistoryScraper(Mappings.defaults(ScrapeOptions.class), blobs).scrape(
                    repo, new HistoryScraper.Request(jobId, repositoryId, repoPath.toString(), refs, since, snapshot,
                            snapshotRef), seen, new HistoryScraper.Listener() {
                        @Override
                        public void preScan(PreScan preScan) {
                        }

                        @Override
                        public void commit(CommitRecord commit) {
                            counts[0]++;
                            chunker.submit(commit, job, c -> write(sink, c, blobs, leaveOut));
                        }

                        @Override
                        public void snapshot(SnapshotBatch batch) {
                            chunker.snapshot(batch, job, c -> write(sink, c, blobs, leaveOut));
                        }
                    });
            chunker.flush();
            sink.write(Json.write(job.stats()));
            sink.write('\n');
            seen.append(result.emitted());
        }
        counts[1] = job.stats().emitted();
        System.out.printf("%s: %d commits, %d chunks in %.1f s -> %s%n", repoPath, counts[0], counts[1],
                (System.nanoTime() - t0) / 1e9, out);
    }

    /** One chunk as a JSON line with its claim-checked code inlined, so readers need no blob store. */
    @SuppressWarnings("unchecked")
    static void write(OutputStream out, ChunkRecord chunk, BlobStore blobs, String leaveOut) {
        if (chunk.path().equals(leaveOut)) {
            return;
        }
        try {
            Map<String, Object> m = Json.MAPPER.convertValue(chunk, Map.class);
            if (chunk.newCodeRef() != null) {
                m.put("newCode", new String(blobs.get(chunk.newCodeRef()), StandardCharsets.UTF_8));
                m.remove("newCodeRef");
            }
            if (chunk.oldCodeRef() != null) {
                m.put("oldCode", new String(blobs.get(chunk.oldCodeRef()), StandardCharsets.UTF_8));
                m.remove("oldCodeRef");
            }
            synchronized (out) {
                out.write(Json.write(m));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rich history, then: {@code add} moved from {@code src/lib.rs} into a new {@code src/math.rs} unchanged (a
     * move the chunk records show as the same code deleted and added), {@code deposit} deleted, and a report builder
     * longer than the embedding model's 512 tokens added.
     */
    static FixtureRepo rerunFixture(Path dir) {
        FixtureRepo repo = Fixtures.richHistory(dir);
        repo.write("src/lib.rs", """
                pub mod account;
                pub mod math;

                #[cfg(test)]
                mod tests {
                    #[test]
                    fn adds() {
                        assert_eq!(super::math::add(2, 2), 4);
                    }
                }
                """)
                .write("src/math.rs", """
                        pub fn add(a: u64, b: u64) -> u64 {
                            a.checked_add(b).expect("overflow")
                        }
                        """)
                .commit("Move add into the math module");
        repo.write("src/account.rs", """
                pub struct Account {
                    pub balance: u64,
                }

                impl Account {
                    pub fn balance(&self) -> u64 {
                        self.balance
                    }
                }
                """).commit("Drop deposits in favour of ledger entries");
        StringBuilder report = new StringBuilder("pub fn monthly_report(entries: &[(String, u64)]) -> String {\n"
                + "    let mut out = String::new();\n");
        String[] words = {"rent", "salary", "groceries", "transport", "insurance", "utilities", "savings", "taxes",
                "holidays", "repairs", "gifts", "books", "subscriptions", "medical", "education", "charity"};
        for (int i = 0; i < 48; i++) {
            String w = words[i % words.length];
            report.append("    let total_").append(w).append('_').append(i).append(": u64 = entries.iter().filter(|e| ")
                    .append("e.0.starts_with(\"").append(w).append("\")).map(|e| e.1 * ").append(i + 1)
                    .append(").sum();\n    out.push_str(&format!(\"").append(w).append(" {}\\n\", total_").append(w)
                    .append('_').append(i).append("));\n");
        }
        report.append("    out\n}\n");
        repo.write("src/report.rs", report.toString())
                .write("src/lib.rs", """
                        pub mod account;
                        pub mod math;
                        pub mod report;

                        #[cfg(test)]
                        mod tests {
                            #[test]
                            fn adds() {
                                assert_eq!(super::math::add(2, 2), 4);
                            }
                        }
                        """)
                .commit("Add the monthly report");
        return repo;
    }
}
