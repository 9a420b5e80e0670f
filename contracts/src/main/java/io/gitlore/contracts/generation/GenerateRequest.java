package io.gitlore.contracts.generation;

import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A generation request as the trainer takes it and the gateway checks it before passing it on: the prompt, token
 * budget, sampling (temperature 0 is greedy), stop sequences, seed, and the job whose model to use (the newest when
 * absent); both sides validate it with the same constraints.
 */
public record GenerateRequest(
        @NotBlank(message = "prompt must not be blank")
        @Size(max = 32768, message = "prompt must be at most 32768 characters") String prompt,
        @Size(max = 128) String jobId,
        @Min(value = 1, message = "maxTokens must be at least 1")
        @Max(value = 2048, message = "maxTokens must be at most 2048") Integer maxTokens,
        @DecimalMin(value = "0", message = "temperature must be >= 0")
        @DecimalMax(value = "5", message = "temperature must be <= 5") Double temperature,
        @Min(value = 0, message = "topK must be >= 0") Integer topK,
        @DecimalMin(value = "0", message = "topP must be in [0, 1]")
        @DecimalMax(value = "1", message = "topP must be in [0, 1]") Double topP,
        @Size(max = 8, message = "at most 8 stop sequences") List<String> stop,
        Long seed) {

    public int maxTokensOrDefault() {
        return maxTokens == null ? 64 : maxTokens;
    }

    public double temperatureOrDefault() {
        return temperature == null ? 0.8 : temperature;
    }

    public int topKOrDefault() {
        return topK == null ? 40 : topK;
    }

    public double topPOrDefault() {
        return topP == null ? 0.95 : topP;
    }

    public long seedOrDefault() {
        return seed == null ? 42 : seed;
    }

    public List<String> stopOrEmpty() {
        return stop == null ? List.of() : stop;
    }
}
