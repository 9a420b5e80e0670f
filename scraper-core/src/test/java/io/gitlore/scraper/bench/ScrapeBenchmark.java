package io.gitlore.scraper.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.serde.Json;
import io.gitlore.scraper.git.HistoryScraper;
import io.gitlore.scraper.git.Numstat;
import io.gitlore.scraper.git.ScrapeOptions;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.testsupport.FileTrees;
import io.gitlore.testsupport.Mappings;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Scrapes a repository with full diffs, metadata, blob-store writes and JSON serialization of every record, and runs
 * {@code git log -p --all --numstat} on it in the same process; prints commits/s of both and the ratio, then
 * compares the scraper's per-commit numstat with git's on the whole history (fidelity on a real repository).
 */
public final class ScrapeBenchmark {

    public static void main(String[] args) throws Exception {
        Path repoPath = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        File gitDir = RepositoryCache.FileKey.resolve(repoPath.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new IllegalArgumentException(repoPath + " is not a git repository");
        }
        Path data = Files.createTempDirectory("gitlore-bench-");
        System.out.printf("repository: %s%n", repoPath);
        git(repoPath, List.of("git", "log", "-p", "--all", "--numstat")); // warm the page cache for both
        long commits = 0;
        List<Double> gitRates = new ArrayList<>();
        List<Double> ourRates = new ArrayList<>();
        List<CommitRecord> last = null;
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            git(repoPath, List.of("git", "log", "-p", "--all", "--numstat"));
            double gitSeconds = (System.nanoTime() - t0) / 1e9;

            FileTrees.delete(data, true);
            List<CommitRecord> records = new ArrayList<>();
            long[] bytes = {0};
            long t1 = System.nanoTime();
            try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
                new HistoryScraper(options(), new BlobStore(data)).scrape(repo,
                        new HistoryScraper.Request("bench", "bench", repoPath.toString(), List.of(), null),
                        SeenCommits.none(), new HistoryScraper.Listener() {
                            @Override
                            public void preScan(PreScan preScan) {
                                bytes[0] += Json.write(preScan).length;
                            }

                            @Override
                            public void commit(CommitRecord commit) {
                                bytes[0] += Json.write(commit).length;
                                records.add(commit);
                            }
                        });
            }
            double ourSeconds = (System.nanoTime() - t1) / 1e9;
            commits = records.size();
            gitRates.add(commits / gitSeconds);
            ourRates.add(commits / ourSeconds);
            System.out.printf("round %d: git log -p --all --numstat %.2f s (%.0f commits/s) | gitlore scraper %.2f s "
                            + "(%.0f commits/s, %.1f MB of JSON) | ratio %.2fx%n", round, gitSeconds,
                    commits / gitSeconds, ourSeconds, commits / ourSeconds, bytes[0] / 1e6,
                    gitSeconds / ourSeconds);
            last = records;
        }
        double gitBest = gitRates.stream().mapToDouble(d -> d).max().orElse(0);
        double ourFirst = ourRates.get(0);
        double ourBest = ourRates.stream().mapToDouble(d -> d).max().orElse(0);
        System.out.printf("RESULT commits=%d git=%.0f/s scraper(cold JVM)=%.0f/s (%.2fx) scraper(warm)=%.0f/s (%.2fx)%n",
                commits, gitBest, ourFirst, ourFirst / gitBest, ourBest, ourBest / gitBest);

        Map<String, Set<Numstat.Line>> git = Numstat.ofGit(repoPath);
        Map<String, Set<Numstat.Line>> ours = Numstat.ofScrape(last);
        long same = git.entrySet().stream().filter(e -> e.getValue().equals(ours.get(e.getKey()))).count();
        System.out.printf("FIDELITY %d/%d commits have the same files and line counts as `%s`%n", same, git.size(),
                String.join(" ", Numstat.gitCommand()));
        git.entrySet().stream().filter(e -> !e.getValue().equals(ours.get(e.getKey()))).limit(3).forEach(e ->
                System.out.printf("  differs: %s git=%s ours=%s%n", e.getKey(), e.getValue(), ours.get(e.getKey())));
        FileTrees.delete(data, true);
    }

    /** Defaults, with {@code -Dbench.maxBlobBytes} and {@code -Dbench.threads} to see what each part costs. */
    private static ScrapeOptions options() {
        List<String> overrides = new ArrayList<>();
        String[][] knobs = {{"bench.maxBlobBytes", "max-blob-bytes"}, {"bench.threads", "diff-threads"}};
        for (String[] knob : knobs) {
            String value = System.getProperty(knob[0]);
            if (value != null) {
                overrides.addAll(List.of(knob[1], value));
            }
        }
        return Mappings.of(ScrapeOptions.class, overrides.toArray(String[]::new));
    }

    private static void git(Path repo, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(repo.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }

}
