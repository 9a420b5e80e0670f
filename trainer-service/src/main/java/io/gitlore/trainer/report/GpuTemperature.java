package io.gitlore.trainer.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * Reads GPU temperatures with {@code nvidia-smi} (NVIDIA's driver tool; DJL has no temperature call) and gives the
 * hottest in °C; empty when the tool is not installed, fails, takes over 5 s, or prints no number.
 */
final class GpuTemperature {

    /** Every GPU the driver lists, which can include GPUs a run does not use: nvidia-smi's order is not CUDA's. */
    static final List<String> NVIDIA_SMI = List.of("nvidia-smi", "--query-gpu=temperature.gpu",
            "--format=csv,noheader,nounits");

    private GpuTemperature() {
    }

    static OptionalDouble hottest(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return OptionalDouble.empty();
            }
            return process.exitValue() == 0 ? parse(output) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty(); // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** One temperature a line; lines that are not numbers ({@code [N/A]}) are skipped. */
    static OptionalDouble parse(String output) {
        return output.lines().map(String::strip).filter(l -> l.matches("\\d+(\\.\\d+)?"))
                .mapToDouble(Double::parseDouble).max();
    }
}
