package io.gitlore.trainer.rest;

/**
 * One streamed piece of a generation ({@code text} is the new text since the previous event), or the last event
 * ({@code done}) with the whole completion, the token count, why it stopped and the speed.
 */
public record GenerateEvent(String text, boolean done, String completion, Integer tokens, String stoppedBy,
                            Double tokensPerSecond, String jobId) {

    public static GenerateEvent piece(String text) {
        return new GenerateEvent(text, false, null, null, null, null, null);
    }
}
