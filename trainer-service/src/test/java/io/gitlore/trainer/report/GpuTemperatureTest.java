package io.gitlore.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/**
 * The GPU temperature as the report reads it: nvidia-smi's output parsed to the hottest GPU, nothing when the tool
 * is missing or fails, and no reading at all on a CPU run (the report's field stays null). No GPU is needed: real
 * processes stand in for nvidia-smi's output.
 */
class GpuTemperatureTest {

    @Test
    void theHottestOfTheListedGpusIsRead() {
        assertEquals(OptionalDouble.of(57), GpuTemperature.parse("41\n57\n"));
        assertEquals(OptionalDouble.of(63), GpuTemperature.parse(" 63 \n[N/A]\n"));
        assertEquals(OptionalDouble.empty(), GpuTemperature.parse("[N/A]\n"));
        assertEquals(OptionalDouble.empty(), GpuTemperature.parse(""));
        assertEquals(OptionalDouble.of(57), GpuTemperature.hottest(List.of("printf", "41\\n57\\n")));
    }

    @Test
    void aMissingOrFailingToolGivesNoReading() {
        assertEquals(OptionalDouble.empty(), GpuTemperature.hottest(List.of("gitlore-no-such-nvidia-smi")));
        assertEquals(OptionalDouble.empty(), GpuTemperature.hottest(List.of("sh", "-c", "echo 40; exit 9")));
    }

    @Test
    void aCpuRunReadsNoGpuTemperature() {
        try (HardwareSampler sampler = new HardwareSampler(Duration.ofMillis(100), List.of(Device.cpu()))) {
            assertNull(sampler.peaks().gpuTemperatureCelsius());
        }
    }
}
