package io.gitlore.trainer.report;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * Samples the machine on a fixed interval with OSHI (never per step, so sampling costs nothing measurable): CPU load,
 * used RAM and, on GPU devices, the most memory used on any one of them and the hottest GPU's temperature (from
 * {@code nvidia-smi}, when installed); gives the peaks for the report (null where not readable).
 */
public final class HardwareSampler implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final List<Device> devices;
    private final long intervalMillis;
    private long[] previousTicks;
    private volatile double peakCpu;
    private volatile long peakRam;
    private volatile Long peakGpuMemory;
    private volatile Double peakGpuTemperature;
    private volatile int samples;

    /** What the sampler saw. */
    public record Peaks(double cpuPercent, long ramBytes, long totalRamBytes, Long gpuMemoryBytes,
                        Double gpuTemperatureCelsius, long intervalMillis, int samples) {
    }

    public HardwareSampler(Duration interval, List<Device> devices) {
        SystemInfo system = new SystemInfo();
        this.cpu = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.devices = List.copyOf(devices);
        this.intervalMillis = Math.max(100, interval.toMillis());
        this.previousTicks = cpu.getSystemCpuLoadTicks();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hardware-sampler");
            t.setDaemon(true);
            return t;
        });
        sample();
        timer.scheduleAtFixedRate(this::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        long[] ticks = cpu.getSystemCpuLoadTicks();
        double load = cpu.getSystemCpuLoadBetweenTicks(previousTicks) * 100;
        previousTicks = ticks;
        peakCpu = Math.max(peakCpu, load);
        peakRam = Math.max(peakRam, memory.getTotal() - memory.getAvailable());
        for (Device device : devices) {
            if (device.isGpu()) {
                try {
                    long used = CudaUtils.getGpuMemory(device).getCommitted();
                    peakGpuMemory = peakGpuMemory == null ? used : Math.max(peakGpuMemory, used);
                } catch (RuntimeException e) {
                    // not readable on this driver: the report says null
                }
            }
        }
        if (devices.stream().anyMatch(Device::isGpu)) {
            GpuTemperature.hottest(GpuTemperature.NVIDIA_SMI).ifPresent(t -> peakGpuTemperature =
                    peakGpuTemperature == null ? t : Math.max(peakGpuTemperature, t));
        }
        samples++;
    }

    public Peaks peaks() {
        sample();
        return new Peaks(peakCpu, peakRam, memory.getTotal(), peakGpuMemory, peakGpuTemperature, intervalMillis,
                samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
