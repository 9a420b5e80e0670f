package io.gitlore.trainer.training;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.trainer.model.GptConfig;
import oshi.SystemInfo;

/**
 * Detects the devices the engine sees (each GPU with its memory), picks the ones a run trains on (data-parallel over
 * GPUs) and sizes a micro-batch that fits.
 */
public final class Hardware {

    /** How the service picks its device. */
    public enum DeviceChoice { AUTO, CPU, GPU }

    private Hardware() {
    }

    /** The first of {@link #devices}: where the master weights live, and where generation runs. */
    public static Device device(DeviceChoice choice) {
        return devices(choice, 1).get(0);
    }

    /**
     * The devices a run trains on, the master's first: {@code gpus} GPUs (0: every visible one), or the CPU alone.
     * Several CPU replicas would only take turns on the same cores, so more than one is refused.
     */
    public static List<Device> devices(DeviceChoice choice, int gpus) {
        int visible = Engine.getEngine("PyTorch").getGpuCount();
        if (choice == DeviceChoice.GPU && visible == 0) {
            throw new IllegalStateException("gitlore.trainer.device=GPU but the PyTorch engine sees no GPU "
                    + "(is this the -Dgpu build with the CUDA natives, and is the NVIDIA driver visible?)");
        }
        if (choice == DeviceChoice.CPU || visible == 0) {
            if (gpus > 1) {
                throw new IllegalArgumentException("gitlore.trainer.gpus=" + gpus + " but training runs on the CPU "
                        + "(no GPU visible, or device=CPU); use 0 or 1");
            }
            return List.of(Device.cpu());
        }
        if (gpus > visible) {
            throw new IllegalArgumentException("gitlore.trainer.gpus=" + gpus + " but the PyTorch engine sees "
                    + visible + " GPU(s)");
        }
        List<Device> out = new ArrayList<>();
        for (int i = 0; i < (gpus == 0 ? visible : gpus); i++) {
            out.add(Device.gpu(i));
        }
        return List.copyOf(out);
    }

    public static List<TrainingReport.Gpu> gpus() {
        List<TrainingReport.Gpu> out = new ArrayList<>();
        int n = Engine.getEngine("PyTorch").getGpuCount();
        for (int i = 0; i < n; i++) {
            Device d = Device.gpu(i);
            out.add(new TrainingReport.Gpu(i, "cuda:" + i + " (compute " + CudaUtils.getComputeCapability(i) + ")",
                    CudaUtils.getGpuMemory(d).getMax()));
        }
        return out;
    }

    /**
     * GPU: 8 rows with at least 8 GB, 4 with 4 GB, else 2. CPU: the largest of 8, 4, 2, 1 whose activations
     * (about 20 floats per layer, position and width, plus three copies of the logits) fit in a quarter of the
     * available memory.
     */
    public static int microBatch(Device device, GptConfig c) {
        if (device.isGpu()) {
            long memory = CudaUtils.getGpuMemory(device).getMax();
            return memory >= 8L << 30 ? 8 : memory >= 4L << 30 ? 4 : 2;
        }
        long available = new SystemInfo().getHardware().getMemory().getAvailable();
        long perRow = 4L * c.contextLength() * ((long) c.layers() * 20 * c.width()
                + (long) c.layers() * c.heads() * c.contextLength() * 2 + 3L * c.vocabularySize());
        for (int b : new int[] {8, 4, 2}) {
            if (b * perRow <= available / 4) {
                return b;
            }
        }
        return 1;
    }
}
