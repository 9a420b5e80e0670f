package io.gitlore.scraper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.gitlore.testsupport.FileTrees;

/** One timed run of a git command with its output discarded: wall time, and CPU time when /usr/bin/time exists. */
record GitRun(double wallSeconds, double cpuSeconds) {

    private static final Path TIME = Path.of("/usr/bin/time");

    static GitRun run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path times = Files.createTempFile("gitlore-bench-time-", ".txt");
        try {
            List<String> full = new ArrayList<>();
            if (Files.isExecutable(TIME)) {
                full.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", times.toString()));
            }
            full.addAll(command);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(full).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(command + " failed");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String[] cpu = Files.readString(times).trim().split("\\s+");
            double cpuSeconds = cpu.length == 2 ? Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]) : Double.NaN;
            return new GitRun(wall, cpuSeconds);
        } finally {
            Files.deleteIfExists(times);
        }
    }

    /** Output of a git command, failing on a non-zero exit. */
    static byte[] output(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " failed");
        }
        return out;
    }

    /** Removes a scrape's data directory; `rm -rf` takes seconds where a Java walk takes minutes on 400 K blobs. */
    static void delete(Path dir) throws IOException, InterruptedException {
        Process rm = new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start();
        if (rm.waitFor() != 0 || Files.exists(dir)) {
            FileTrees.delete(dir, true);
        }
    }
}
