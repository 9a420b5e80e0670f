package io.gitlore.trainer.rest;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One streamed piece of a generation ({@code text} is the new text since the previous event), or the last event
 * ({@code done}) with the whole completion, the token count, why it stopped and the speed.
 */
public record GenerateEvent(String text, boolean done, String completion, Integer tokens, StoppedBy stoppedBy,
                            Double tokensPerSecond, String jobId) {

    /**
     * Why a generation ended: {@code stop} (a stop sequence appeared; it is not in the completion), {@code max_tokens}
     * (the request's maxTokens were generated) or {@code length} (the model's context was full: prompt plus
     * completion reached its context length before maxTokens, so the completion is shorter than asked).
     */
    public enum StoppedBy {
        STOP, MAX_TOKENS, LENGTH;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static GenerateEvent piece(String text) {
        return new GenerateEvent(text, false, null, null, null, null, null);
    }
}
