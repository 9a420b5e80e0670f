package io.gitlore.trainer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ai.djl.Device;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.TrainerFixtures;
import io.gitlore.trainer.training.TrainingRun;

/**
 * A probe for the transient non-finite gradients: trains the same seed several times and reports, per run, the
 * skipped batches and the first step whose loss differs from the first run. {@code -Dprobe.gc=true} collects
 * garbage after every step; {@code -Dprobe.gcEveryMs=N} collects every N ms from another thread, so collections fall
 * inside steps, between the forward and the backward pass (where they freed the scalars autograd still needed).
 * Usage: NanProbe <runs> <steps>
 */
public final class NanProbe {

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        boolean gc = Boolean.getBoolean("probe.gc");
        long every = Long.getLong("probe.gcEveryMs", 0);
        if (every > 0) {
            Thread collector = new Thread(() -> {
                while (true) {
                    System.gc();
                    try {
                        Thread.sleep(every);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "probe-gc");
            collector.setDaemon(true);
            collector.start();
        }
        Path tmp = Files.createTempDirectory("nan-probe");
        DatasetReady ready = TrainerFixtures.dataset(tmp, "probe", 120);
        List<Double> first = null;
        for (int run = 0; run < runs; run++) {
            TrainingReport report = new TrainingRun(TrainerFixtures.settings(steps, 1_000_000), Device.cpu(),
                    Optional.empty()).train(ready, tmp.resolve("run-" + run), (state, planned) -> {
                        if (gc) {
                            System.gc();
                        }
                    });
            List<Double> losses = report.history().steps().stream().map(TrainingReport.Step::loss).toList();
            if (first == null) {
                first = losses;
            }
            int diverged = -1;
            for (int i = 0; i < Math.min(first.size(), losses.size()); i++) {
                if (!first.get(i).equals(losses.get(i))) {
                    diverged = i + 1;
                    break;
                }
            }
            System.out.printf("PROBE run %d gc=%s gcEveryMs=%d skipped=%d firstDivergentStep=%d steps=%d%n", run, gc,
                    every, report.run().nonFiniteStepsSkipped(), diverged, losses.size());
        }
        System.exit(0);
    }
}
