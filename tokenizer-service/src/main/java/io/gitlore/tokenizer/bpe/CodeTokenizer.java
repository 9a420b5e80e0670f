package io.gitlore.tokenizer.bpe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

/**
 * A code tokenizer over any HuggingFace {@code tokenizer.json}, run through DJL's HuggingFace tokenizers (native,
 * offline): takes text, gives token ids, and back. Adds no special tokens of its own, never truncates or pads.
 */
public final class CodeTokenizer implements AutoCloseable {

    /** Structural markers of the training format, added as real special tokens (never split by BPE). */
    public static final List<String> STRUCTURAL_TOKENS = List.of("<|commit|>", "<|/commit|>", "<|file|>",
            "<|/file|>", "<|code|>", "<|/code|>");

    private final HuggingFaceTokenizer tokenizer;
    private final Path path;
    private final int vocabularySize;

    private CodeTokenizer(HuggingFaceTokenizer tokenizer, Path path, int vocabularySize) {
        this.tokenizer = tokenizer;
        this.path = path;
        this.vocabularySize = vocabularySize;
    }

    /** Loads a tokenizer.json; a missing or malformed file fails with its path and the reason. */
    public static CodeTokenizer load(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new IllegalArgumentException("tokenizer file " + tokenizerJson.toAbsolutePath() + " does not exist");
        }
        try {
            int vocabulary = vocabularySize(tokenizerJson);
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build();
            return new CodeTokenizer(tokenizer, tokenizerJson, vocabulary);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("tokenizer file " + tokenizerJson.toAbsolutePath()
                    + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The default: GPT-2's byte-level BPE (from JTokkit's ranks) plus the structural tokens, written to a path. */
    public static CodeTokenizer gpt2(Path tokenizerJson) {
        TiktokenConverter.writeGpt2(STRUCTURAL_TOKENS, tokenizerJson);
        return load(tokenizerJson);
    }

    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** Encodes several texts in one native call (the tokenizer library spreads a batch over the cores). */
    public List<long[]> encodeBatch(List<String> texts) {
        List<long[]> ids = new java.util.ArrayList<>(texts.size());
        for (ai.djl.huggingface.tokenizers.Encoding e : tokenizer.batchEncode(texts, false, false)) {
            ids.add(e.getIds());
        }
        return ids;
    }

    public String decode(long[] ids) {
        return tokenizer.decode(ids, false);
    }

    public Path path() {
        return path;
    }

    /** One more than the largest id of the vocabulary and the added tokens. */
    public int vocabularySize() {
        return vocabularySize;
    }

    private static int vocabularySize(Path tokenizerJson) throws IOException {
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tokenizerJson.toFile());
        int max = -1;
        com.fasterxml.jackson.databind.JsonNode vocab = json.path("model").path("vocab");
        if (!vocab.isObject()) {
            throw new IOException("no model.vocab object");
        }
        for (com.fasterxml.jackson.databind.JsonNode id : vocab) {
            max = Math.max(max, id.asInt());
        }
        for (com.fasterxml.jackson.databind.JsonNode added : json.path("added_tokens")) {
            max = Math.max(max, added.path("id").asInt());
        }
        return max + 1;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
