package io.gitlore.trainer.service;

import java.util.Arrays;
import java.util.function.Consumer;

import io.gitlore.contracts.generation.GenerateRequest;
import io.gitlore.trainer.model.Generator;
import io.gitlore.trainer.rest.GenerateEvent;
import io.gitlore.trainer.rest.GenerateEvent.StoppedBy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes a generation request, runs it on the chosen model with the KV cache, and hands out text pieces as they become
 * safe to send ({@link CompletionText}: whole characters, nothing of a stop sequence), ending with one summary event
 * that says why it stopped.
 */
@ApplicationScoped
public class GenerationService {

    private final ModelRegistry models;

    public GenerationService(ModelRegistry models) {
        this.models = models;
    }

    public GenerateEvent generate(GenerateRequest request, Consumer<GenerateEvent> pieces) {
        // One generation at a time per service: the CPU is the limit, and a model is never evicted mid-request.
        synchronized (models) {
            ModelRegistry.Loaded loaded = models.get(request.jobId());
            long[] prompt = loaded.tokenizer().encode(request.prompt(), false, false).getIds();
            int maxTokens = request.maxTokensOrDefault();
            CompletionText text = new CompletionText(request.stopOrEmpty());
            long[] generated = new long[maxTokens];
            int[] count = {0};
            long start = System.nanoTime();
            Generator.generate(loaded.model(), prompt, maxTokens,
                    new Generator.Sampling(request.temperatureOrDefault(), request.topKOrDefault(),
                            request.topPOrDefault(), request.seedOrDefault()), true, id -> {
                        generated[count[0]++] = id;
                        send(text.accept(loaded.tokenizer().decode(Arrays.copyOf(generated, count[0]), false)),
                                pieces);
                        return !text.stopped();
                    });
            send(text.finish(), pieces);
            // Fewer tokens than asked without a stop sequence: the model's context (prompt + completion) was full.
            StoppedBy stoppedBy = text.stopped() ? StoppedBy.STOP
                    : count[0] == maxTokens ? StoppedBy.MAX_TOKENS : StoppedBy.LENGTH;
            double seconds = (System.nanoTime() - start) / 1e9;
            return new GenerateEvent(null, true, text.text(), count[0], stoppedBy,
                    seconds > 0 ? count[0] / seconds : null, loaded.jobId());
        }
    }

    private static void send(String piece, Consumer<GenerateEvent> pieces) {
        if (!piece.isEmpty()) {
            pieces.accept(GenerateEvent.piece(piece));
        }
    }
}
