package io.gitlore.scraper.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.gitlore.scraper.git.RepetitiveJson;
import io.gitlore.scraper.xdiff.GitDiff;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Diffs versions of a large repetitive JSON file ({@link RepetitiveJson}, 10,827 lines) three ways in one command:
 * gitlore's xdiff port, JGit's histogram diff (its Myers fallback on), and {@code git diff --no-index --histogram
 * --numstat} (the baseline, one process per pair, so its time includes process start). Prints per-pair time and line
 * counts, the ratios against git, and whether each side's counts equal git's.
 */
public final class RepetitiveDiffBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("gitlore-repetitive");
        List<Path[]> pairs = new ArrayList<>();
        int[] edits = {10, 80, 300};
        for (int i = 0; i < edits.length; i++) {
            Path a = Files.write(dir.resolve("a" + i + ".json"), RepetitiveJson.version(1, 0));
            Path b = Files.write(dir.resolve("b" + i + ".json"), RepetitiveJson.version(i + 2, edits[i]));
            pairs.add(new Path[] {a, b});
        }
        System.out.printf(Locale.ROOT, "%-12s %12s %12s %12s   %s%n", "pair", "git ms", "gitlore ms", "jgit ms",
                "numstat git / gitlore / jgit");
        double gitTotal = 0;
        double oursTotal = 0;
        double jgitTotal = 0;
        boolean oursEqual = true;
        boolean jgitEqual = true;
        for (int i = 0; i < pairs.size(); i++) {
            byte[] a = Files.readAllBytes(pairs.get(i)[0]);
            byte[] b = Files.readAllBytes(pairs.get(i)[1]);
            String git = "";
            String ours = "";
            String jgit = "";
            double gitMs = Double.MAX_VALUE;
            double oursMs = Double.MAX_VALUE;
            double jgitMs = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                git = git(dir, pairs.get(i));
                long t1 = System.nanoTime();
                GitDiff d = GitDiff.of(a, b);
                ours = d.insertions() + "\t" + d.deletions();
                long t2 = System.nanoTime();
                EditList edits2 = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                        .diff(RawTextComparator.DEFAULT, new RawText(a), new RawText(b));
                jgit = counts(edits2);
                long t3 = System.nanoTime();
                gitMs = Math.min(gitMs, (t1 - t0) / 1e6);
                oursMs = Math.min(oursMs, (t2 - t1) / 1e6);
                jgitMs = Math.min(jgitMs, (t3 - t2) / 1e6);
            }
            oursEqual &= ours.equals(git);
            jgitEqual &= jgit.equals(git);
            gitTotal += gitMs;
            oursTotal += oursMs;
            jgitTotal += jgitMs;
            System.out.printf(Locale.ROOT, "%-12s %12.1f %12.1f %12.1f   %s / %s / %s%n", edits[i] + " edits", gitMs,
                    oursMs, jgitMs, git.replace('\t', '+'), ours.replace('\t', '+'), jgit.replace('\t', '+'));
        }
        System.out.printf(Locale.ROOT, "best of %d rounds; speed vs git (git time / time): gitlore %.2fx, "
                + "jgit %.2fx; counts equal to git's: gitlore %s, jgit %s%n", rounds, gitTotal / oursTotal,
                gitTotal / jgitTotal, oursEqual, jgitEqual);
    }

    /** Not {@link GitRun#output}: {@code git diff --no-index} exits 1 when the files differ, as they all do here. */
    private static String git(Path dir, Path[] pair) throws Exception {
        Process p = new ProcessBuilder("git", "diff", "--no-index", "--histogram", "--numstat",
                pair[0].toString(), pair[1].toString()).directory(dir.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        String[] f = out.split("\t");
        return f[0] + "\t" + f[1];
    }

    private static String counts(EditList edits) {
        int ins = 0;
        int del = 0;
        for (Edit e : edits) {
            ins += e.getLengthB();
            del += e.getLengthA();
        }
        return ins + "\t" + del;
    }
}
