package io.gitlore.scraper.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.management.OperatingSystemMXBean;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.FileChange;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.serde.Json;
import io.gitlore.scraper.git.HistoryScraper;
import io.gitlore.scraper.git.Numstat;
import io.gitlore.scraper.git.ScrapeOptions;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.testsupport.Mappings;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Scrapes a repository with full diffs, metadata, blob-store writes and JSON serialization of every record, and runs
 * {@code git log -p --all --numstat} on it in the same process, alternating round by round; prints both sides' wall
 * and CPU time, each round's ratio, the first (JIT-cold) round's ratio and the median of the others; then compares
 * the scraper's per-commit numstat with git's on the whole history.
 *
 * <p>On a copy with missing blobs git dies where the scraper records the file as unavailable: the git side then
 * leaves out every path that has a missing version ({@link MissingObjects}), and the report says what each side
 * managed.
 */
public final class ScrapeBenchmark {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** What one scrape round produced, counted as records arrive (the records themselves are not kept). */
    private static final class Tally {
        long commits;
        long files;
        long claimCheckedLists;
        long unavailableFiles;
        long unavailableCommits;
        long json;
        RepositorySummary summary;
        Map<String, Set<Numstat.Line>> numstat;
    }

    public static void main(String[] args) throws Exception {
        Path repoPath = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        File gitDir = RepositoryCache.FileKey.resolve(repoPath.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new IllegalArgumentException(repoPath + " is not a git repository");
        }
        System.out.printf("repository: %s, %d cores%n", repoPath, Runtime.getRuntime().availableProcessors());
        MissingObjects missing = MissingObjects.find(gitDir.toPath());
        System.out.println(missing.describe());
        List<String> baseline = new ArrayList<>(List.of("git", "log", "-p", "--all", "--numstat"));
        baseline.addAll(missing.exclusions());
        System.out.println("baseline: " + String.join(" ", baseline));
        GitRun.run(gitDir.toPath(), baseline); // page cache warm for both sides

        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        Tally last = null;
        // Each round writes to a fresh directory; all are removed at the end, since deleting hundreds of thousands of
        // files between rounds (with online discard on this machine's file system) slows the next round's writes.
        List<Path> dataDirs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            GitRun git = GitRun.run(gitDir.toPath(), baseline);
            Path data = Files.createTempDirectory("gitlore-bench-");
            dataDirs.add(data);
            boolean fidelity = round == rounds;
            long cpu0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            Tally tally = scrape(gitDir, repoPath, new BlobStore(data), fidelity);
            double ours = (System.nanoTime() - t0) / 1e9;
            double oursCpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
            double ratio = git.wallSeconds() / ours;
            ratios.add(ratio);
            cpuRatios.add(git.cpuSeconds() / oursCpu);
            System.out.printf("round %d: git log %.2f s (%.2f s CPU, %.0f commits/s) | gitlore scraper %.2f s "
                            + "(%.2f s CPU, %.0f commits/s, %.1f MB of JSON) | ratio %.2fx%n", round,
                    git.wallSeconds(), git.cpuSeconds(), tally.commits / git.wallSeconds(), ours, oursCpu,
                    tally.commits / ours, tally.json / 1e6, ratio);
            last = tally;
        }
        int first = Math.min(1, ratios.size() - 1);
        List<Double> warm = ratios.subList(first, ratios.size());
        // On a busy machine git, one thread, gets a smaller share of the cores than the scraper's threads: the CPU
        // ratio (git's CPU time over the scraper's) is the steadier figure there.
        System.out.printf("RESULT commits=%d file-changes=%d cold=%.2fx warm(median of %d)=%.2fx "
                        + "cpu-ratio cold=%.2fx warm(median)=%.2fx%n", last.commits, last.files, ratios.get(0),
                warm.size(), median(warm), cpuRatios.get(0), median(cpuRatios.subList(first, cpuRatios.size())));
        System.out.printf("SCRAPER commits=%d file-changes=%d (%d commits' lists claim-checked) unavailable: %d file "
                        + "changes (missing blobs), %d commits (missing trees)%n", last.commits, last.files,
                last.claimCheckedLists, last.unavailableFiles, last.unavailableCommits);
        fidelity(gitDir.toPath(), last, missing);
        for (Path data : dataDirs) {
            GitRun.delete(data);
        }
    }

    private static Tally scrape(File gitDir, Path repoPath, BlobStore blobs, boolean fidelity) throws Exception {
        Tally tally = new Tally();
        tally.numstat = fidelity ? new HashMap<>() : null;
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
            HistoryScraper.Result result = new HistoryScraper(options(), blobs).scrape(repo,
                    new HistoryScraper.Request("bench", "bench", repoPath.toString(), List.of(), null),
                    SeenCommits.none(), new HistoryScraper.Listener() {
                        @Override
                        public void preScan(PreScan preScan) {
                            tally.json += Json.write(preScan).length;
                        }

                        @Override
                        public void commit(CommitRecord commit) {
                            tally.json += Json.write(commit).length;
                            tally.commits++;
                            tally.files += commit.filesChanged();
                            tally.claimCheckedLists += commit.filesRef() != null ? 1 : 0;
                            tally.unavailableCommits += commit.unavailable() != null ? 1 : 0;
                            if (tally.numstat != null) {
                                List<FileChange> files = Numstat.files(commit, blobs);
                                tally.unavailableFiles += files.stream().filter(f -> f.unavailable() != null).count();
                                tally.numstat.put(commit.hash(), Numstat.lines(files));
                            }
                        }
                    });
            tally.summary = result.summary();
        }
        return tally;
    }

    /** The scraper's numstat against git's, on the paths git could read. */
    private static void fidelity(Path gitDir, Tally ours, MissingObjects missing) throws Exception {
        Map<String, Set<Numstat.Line>> git = Numstat.ofGit(gitDir, missing.exclusions());
        long same = 0;
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, Set<Numstat.Line>> e : git.entrySet()) {
            Set<Numstat.Line> mine = new HashSet<>(ours.numstat.getOrDefault(e.getKey(), Set.of()));
            mine.removeIf(l -> missing.paths().contains(l.path()));
            if (e.getValue().equals(mine)) {
                same++;
            } else if (differing.size() < 3) {
                Set<Numstat.Line> onlyGit = new HashSet<>(e.getValue());
                onlyGit.removeAll(mine);
                Set<Numstat.Line> onlyOurs = new HashSet<>(mine);
                onlyOurs.removeAll(e.getValue());
                differing.add(e.getKey() + " only git: " + onlyGit + " only ours: " + onlyOurs);
            }
        }
        System.out.printf("FIDELITY %d/%d commits have the same files and line counts as `%s`%s%n", same,
                git.size(), String.join(" ", Numstat.gitCommand()),
                missing.paths().isEmpty() ? "" : " (both sides without the " + missing.paths().size()
                        + " paths that have a missing blob)");
        differing.forEach(d -> System.out.println("  differs: " + d));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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
}
