package io.gitlore.trainer.service;

import java.util.List;
import java.util.function.Consumer;

import io.gitlore.trainer.model.Generator;
import io.gitlore.trainer.rest.GenerateEvent;
import io.gitlore.contracts.generation.GenerateRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes a generation request, runs it on the chosen model with the KV cache, and hands out text pieces as tokens
 * decode to whole characters, ending with one summary event; stop sequences cut the completion where they start.
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
            List<String> stops = request.stopOrEmpty();
            StringBuilder text = new StringBuilder();
            long[] generated = new long[request.maxTokensOrDefault()];
            int[] count = {0};
            String[] stoppedBy = {"max_tokens"};
            long start = System.nanoTime();
            Generator.generate(loaded.model(), prompt, request.maxTokensOrDefault(),
                    new Generator.Sampling(request.temperatureOrDefault(), request.topKOrDefault(),
                            request.topPOrDefault(), request.seedOrDefault()), true, id -> {
                        generated[count[0]++] = id;
                        String decoded = loaded.tokenizer().decode(java.util.Arrays.copyOf(generated, count[0]), false);
                        if (decoded.endsWith("\uFFFD")) {
                            return true; // a multi-byte character is not complete yet
                        }
                        for (String stop : stops) {
                            int at = decoded.indexOf(stop);
                            if (at >= 0) {
                                emit(decoded.substring(0, at), text, pieces);
                                stoppedBy[0] = "stop";
                                return false;
                            }
                        }
                        emit(decoded, text, pieces);
                        return true;
                    });
            double seconds = (System.nanoTime() - start) / 1e9;
            return new GenerateEvent(null, true, text.toString(), count[0], stoppedBy[0],
                    seconds > 0 ? count[0] / seconds : null, loaded.jobId());
        }
    }

    private static void emit(String decoded, StringBuilder text, Consumer<GenerateEvent> pieces) {
        if (decoded.length() > text.length() && decoded.startsWith(text.toString())) {
            String piece = decoded.substring(text.length());
            text.append(piece);
            pieces.accept(GenerateEvent.piece(piece));
        }
    }
}
