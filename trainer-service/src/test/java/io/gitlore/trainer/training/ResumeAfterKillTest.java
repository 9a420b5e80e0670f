package io.gitlore.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.TrainerFixtures;
import io.gitlore.trainer.checkpoint.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains in a child JVM, kills it with SIGKILL at a seeded random moment after its first checkpoint, restarts it, and
 * compares the final weights and loss curve with an uninterrupted child's.
 */
class ResumeAfterKillTest {

    static final long STEPS = 24;
    static final int CHECKPOINT_EVERY = 4;

    @TempDir
    Path tmp;

    @Test
    void aTrainerKilledMidRunResumesToTheSameWeightsAndCurve() throws Exception {
        DatasetReady ready = TrainerFixtures.dataset(tmp, "job-kill", 40);
        Path readyFile = tmp.resolve("ready.json");
        Json.MAPPER.writeValue(readyFile.toFile(), ready);

        Path clean = tmp.resolve("clean");
        assertEquals(0, child(readyFile, clean).waitFor(), () -> "the uninterrupted run failed: " + tail(tmp.resolve("clean.log")));

        long seed = System.nanoTime() % 1000;
        Random random = new Random(seed);
        long killAfterStep = CHECKPOINT_EVERY + 1 + random.nextInt((int) STEPS - CHECKPOINT_EVERY - 2);
        System.out.println("kill test seed " + seed + ": killing after step " + killAfterStep);
        Path killed = tmp.resolve("killed");
        Process first = child(readyFile, killed);
        waitForStep(first, killed.resolveSibling("killed.log"), killAfterStep);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(killed.resolve("checkpoints/checkpoint.safetensors")), "no checkpoint before the kill");
        assertTrue(!Files.exists(killed.resolve("training_report.json")), "the run finished before the kill");
        assertEquals(0, child(readyFile, killed).waitFor(), () -> "the resumed run failed: " + tail(tmp.resolve("killed.log")));

        TrainingReport a = Json.MAPPER.readValue(clean.resolve("training_report.json").toFile(), TrainingReport.class);
        TrainingReport b = Json.MAPPER.readValue(killed.resolve("training_report.json").toFile(), TrainingReport.class);
        assertTrue(b.run().resumedFromStep() > 0, "the second run should have resumed");
        assertEquals(STEPS, b.run().stepsDone());
        assertEquals(a.history().steps().stream().map(TrainingReport.Step::loss).toList(),
                b.history().steps().stream().map(TrainingReport.Step::loss).toList());
        assertEquals(a.history().validations(), b.history().validations());
        var wa = Safetensors.read(clean.resolve("model.safetensors"));
        var wb = Safetensors.read(killed.resolve("model.safetensors"));
        assertEquals(wa.keySet(), wb.keySet());
        wa.forEach((name, t) -> assertArrayEquals(t.data(), wb.get(name).data(), name));
        assertEquals(a.results().testLoss(), b.results().testLoss());
    }

    private static void waitForStep(Process p, Path log, long step) throws Exception {
        while (p.isAlive()) {
            if (Files.readAllLines(log).contains("step " + step)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child ended before step " + step + ":\n" + Files.readString(log));
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.substring(Math.max(0, s.length() - 4000));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static Process child(Path readyFile, Path modelDir) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR", "target/djl-cache"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TrainMain.class.getName());
        cmd.add(readyFile.toString());
        cmd.add(modelDir.toString());
        cmd.add(Long.toString(STEPS));
        cmd.add(Integer.toString(CHECKPOINT_EVERY));
        Path log = modelDir.resolveSibling(modelDir.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", "2");
        return pb.start();
    }
}
