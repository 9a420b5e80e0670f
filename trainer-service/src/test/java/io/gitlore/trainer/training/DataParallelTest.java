package io.gitlore.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.djl.Device;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.TrainerFixtures;
import io.gitlore.trainer.checkpoint.Safetensors;
import io.gitlore.trainer.model.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data parallelism proven on the CPU: the replica arithmetic does not care what the devices are, so one model and two
 * replicas both on the CPU (each step's 8 rows split 4 and 4) must train as one model does (8 rows as two accumulated
 * micro-batches of 4), and a checkpoint the two replicas wrote must resume.
 */
class DataParallelTest {

    static final double TOLERANCE = 1e-4;
    static final int STEPS = 6;

    @TempDir
    static Path tmp;
    static DatasetReady ready;

    @BeforeAll
    static void dataset() {
        System.setProperty("ai.djl.offline", "true");
        ready = TrainerFixtures.dataset(tmp, "job-dp", 24);
    }

    @Test
    void twoReplicasTrainAsOneModelDoesAndTheirCheckpointResumes() throws Exception {
        Path dir = tmp.resolve("run");
        TrainingReport one = run(List.of(Device.cpu()), dir.resolve("one"), STEPS);
        TrainingReport two = run(List.of(Device.cpu(), Device.cpu()), dir.resolve("two"), STEPS);
        // The same two replicas, cancelled after step 3 (a checkpoint is saved), then started again.
        Path resumedDir = dir.resolve("resumed");
        assertThrows(TrainingCancelledException.class,
                () -> run(List.of(Device.cpu(), Device.cpu()), resumedDir, 3));
        TrainingReport resumed = run(List.of(Device.cpu(), Device.cpu()), resumedDir, STEPS);
        int skipped = one.run().nonFiniteStepsSkipped() + two.run().nonFiniteStepsSkipped()
                + resumed.run().nonFiniteStepsSkipped();
        assertEquals(0, skipped, "no batch skipped");
        assertEquals("cpu()", one.hardware().device());
        assertEquals("cpu(), cpu()", two.hardware().device());
        assertEquals(8, one.run().effectiveBatch());
        assertEquals(2, one.run().accumulation());
        assertEquals(8, two.run().effectiveBatch());
        assertEquals(1, two.run().accumulation());
        assertEquals(STEPS, two.run().stepsDone());

        assertClose(losses(one), losses(two), "loss curve, one device vs two replicas");
        assertClose(one.results().testLoss(), two.results().testLoss(), "test loss");
        assertSameTensors(dir.resolve("one"), dir.resolve("two"));

        assertEquals(3, resumed.run().resumedFromStep());
        assertEquals(STEPS, resumed.run().stepsDone());
        assertClose(losses(two), losses(resumed), "loss curve, two replicas uninterrupted vs resumed");
        assertSameTensors(dir.resolve("two"), resumedDir);
    }

    @Test
    void theCpuIsOneDeviceAndMoreCpuReplicasAreRefused() {
        assertEquals(List.of(Device.cpu()), Hardware.devices(Hardware.DeviceChoice.CPU, 0));
        assertEquals(List.of(Device.cpu()), Hardware.devices(Hardware.DeviceChoice.CPU, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hardware.devices(Hardware.DeviceChoice.CPU, 2));
        assertTrue(e.getMessage().contains("gitlore.trainer.gpus=2"), e.getMessage());
    }

    /** Trains {@code STEPS} steps on {@code devices}, cancelled once {@code stopAfter} steps are done. */
    private static TrainingReport run(List<Device> devices, Path modelDir, int stopAfter) throws Exception {
        long[] step = {0};
        return new TrainingRun(TrainerFixtures.settings(STEPS, 3), devices, Optional.empty())
                .train(ready, modelDir, new TrainingListener() {
                    @Override
                    public void progress(LoopState state, long plannedSteps) {
                        step[0] = state.step;
                    }

                    @Override
                    public boolean cancelled() {
                        return step[0] >= stopAfter && stopAfter < STEPS;
                    }
                });
    }

    private static List<Double> losses(TrainingReport report) {
        return report.history().steps().stream().map(TrainingReport.Step::loss).toList();
    }

    /** The exported weights and the last checkpoint (weights and AdamW moments) agree tensor by tensor. */
    private static void assertSameTensors(Path a, Path b) throws Exception {
        for (String file : List.of("model.safetensors", "checkpoints/checkpoint.safetensors")) {
            Map<String, Tensor> ta = Safetensors.read(a.resolve(file));
            Map<String, Tensor> tb = Safetensors.read(b.resolve(file));
            assertEquals(ta.keySet(), tb.keySet(), file);
            double worst = 0;
            for (Map.Entry<String, Tensor> e : ta.entrySet()) {
                float[] x = e.getValue().data();
                float[] y = tb.get(e.getKey()).data();
                double scale = 0;
                for (float v : x) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < x.length; i++) {
                    // Relative to the tensor's largest entry: single elements near zero carry no signal of their own.
                    double error = Math.abs(x[i] - y[i]) / Math.max(scale, 1e-12);
                    worst = Math.max(worst, error);
                    assertTrue(error <= TOLERANCE, () -> file + " " + e.getKey() + " differs by " + error);
                }
            }
            System.out.printf("%s: largest difference %.3g of the tensor's scale%n", file, worst);
        }
    }

    private static void assertClose(List<Double> a, List<Double> b, String what) {
        assertEquals(a.size(), b.size(), what);
        for (int i = 0; i < a.size(); i++) {
            assertClose(a.get(i), b.get(i), what + " at " + (i + 1));
        }
    }

    private static void assertClose(double a, double b, String what) {
        assertTrue(Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b)), what + ": " + a + " vs " + b);
    }
}
