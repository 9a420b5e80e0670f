package io.gitlore.trainer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gitlore.contracts.serde.Json;

/**
 * The shape of a GPT-2-family decoder, read from and written to a Hugging Face {@code config.json}
 * ({@code vocab_size}, {@code n_positions}, {@code n_layer}, {@code n_head}, {@code n_embd}).
 */
public record GptConfig(int vocabularySize, int contextLength, int layers, int heads, int width,
                        double layerNormEpsilon) {

    public GptConfig {
        if (vocabularySize < 2 || contextLength < 1 || layers < 1 || heads < 1 || width < 1) {
            throw new IllegalArgumentException("a GPT needs positive sizes, got " + this);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " is not divisible by " + heads + " heads");
        }
    }

    public int headWidth() {
        return width / heads;
    }

    public GptConfig withVocabularySize(int vocabulary) {
        return new GptConfig(vocabulary, contextLength, layers, heads, width, layerNormEpsilon);
    }

    /** Parameters of the model with the output head tied to the token embedding. */
    public long parameterCount() {
        long perLayer = 2L * 2 * width + (long) width * 3 * width + 3L * width + (long) width * width + width
                + (long) width * 4 * width + 4L * width + 4L * width * width + width;
        return (long) vocabularySize * width + (long) contextLength * width + layers * perLayer + 2L * width;
    }

    public static GptConfig fromHuggingFace(JsonNode json) {
        String type = json.path("model_type").asText("gpt2");
        if (!type.equals("gpt2")) {
            throw new IllegalArgumentException("config.json has model_type '" + type + "'; only gpt2 is supported");
        }
        return new GptConfig(required(json, "vocab_size"), required(json, "n_positions"), required(json, "n_layer"),
                required(json, "n_head"), required(json, "n_embd"), json.path("layer_norm_epsilon").asDouble(1e-5));
    }

    private static int required(JsonNode json, String field) {
        if (!json.path(field).canConvertToInt()) {
            throw new IllegalArgumentException("config.json lacks the integer field '" + field + "'");
        }
        return json.path(field).asInt();
    }

    /** The fields {@code transformers.GPT2Config} reads; dropout 0 because gitlore trains without it. */
    public ObjectNode toHuggingFace() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.putArray("architectures").add("GPT2LMHeadModel");
        json.put("model_type", "gpt2");
        json.put("vocab_size", vocabularySize);
        json.put("n_positions", contextLength);
        json.put("n_ctx", contextLength);
        json.put("n_embd", width);
        json.put("n_layer", layers);
        json.put("n_head", heads);
        json.putNull("n_inner");
        json.put("activation_function", "gelu_new");
        json.put("layer_norm_epsilon", layerNormEpsilon);
        json.put("resid_pdrop", 0.0);
        json.put("embd_pdrop", 0.0);
        json.put("attn_pdrop", 0.0);
        json.put("initializer_range", 0.02);
        json.put("scale_attn_weights", true);
        json.put("tie_word_embeddings", true);
        json.put("use_cache", true);
        json.put("torch_dtype", "float32");
        return json;
    }
}
