package io.gitlore.embedder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both built-in models against reference vectors computed once by an independent implementation (transformers.js,
 * see bench/reference/embedding-reference.mjs) from the same ONNX files: pooling, normalisation, the query prefix and
 * truncation at the model's limit all have to agree for cosine ≈ 1.
 */
class TextEmbedderTest {

    private static JsonNode reference;
    private static final Path DATA = Path.of("target", "test-data");

    @BeforeAll
    static void readReference() throws Exception {
        try (InputStream in = TextEmbedderTest.class.getResourceAsStream("/embedding-reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ModelSpec.BGE_SMALL, ModelSpec.MINILM})
    void matchesTheReferenceImplementation(String modelId) {
        List<String> documents = strings(reference.get("documents"));
        List<String> queries = strings(reference.get("queries"));
        JsonNode expected = reference.get("models").get(modelId);
        try (TextEmbedder embedder = TextEmbedder.load(ModelSpec.builtIn(modelId), DATA,
                Mappings.defaults(InferenceOptions.class))) {
            assertEquals(384, embedder.dimension());
            float[][] vectors = embedder.embedDocuments(documents);
            for (int i = 0; i < documents.size(); i++) {
                double cos = Pooling.cosine(vectors[i], floats(expected.get("documents").get(i)));
                assertTrue(cos > 0.9999, modelId + " document " + i + ": cosine " + cos);
                assertEquals(1.0, Pooling.cosine(vectors[i], vectors[i]), 1e-6);
                assertEquals(1.0, norm(vectors[i]), 1e-5, "unit length");
            }
            for (int i = 0; i < queries.size(); i++) {
                double cos = Pooling.cosine(embedder.embedQuery(queries.get(i)), floats(expected.get("queries").get(i)));
                assertTrue(cos > 0.9999, modelId + " query " + i + ": cosine " + cos);
            }
            // Only the 400-line document exceeds 512 (bge) or 256 (MiniLM) tokens.
            assertEquals(1, embedder.truncatedTexts());
            // The same text embeds to the same vector whatever batch it shares and however it is padded.
            float[][] alone = embedder.embedDocuments(List.of(documents.get(0)));
            assertTrue(Pooling.cosine(alone[0], vectors[0]) > 0.99999);
        }
    }

    /** The int8 model against the fp32 reference: quantisation moves vectors a little, never the ranking much. */
    @org.junit.jupiter.api.Test
    void quantizedBgeStaysCloseToTheFullPrecisionReference() {
        List<String> documents = strings(reference.get("documents"));
        JsonNode expected = reference.get("models").get(ModelSpec.BGE_SMALL);
        try (TextEmbedder embedder = TextEmbedder.load(ModelSpec.builtIn(ModelSpec.BGE_SMALL_Q), DATA,
                Mappings.defaults(InferenceOptions.class))) {
            assertEquals(384, embedder.dimension());
            float[][] vectors = embedder.embedDocuments(documents);
            for (int i = 0; i < documents.size(); i++) {
                double cos = Pooling.cosine(vectors[i], floats(expected.get("documents").get(i)));
                assertTrue(cos > 0.95, "quantized document " + i + ": cosine " + cos);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope"})
    void unknownModelNamesTheChoices(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.builtIn(name));
        assertTrue(e.getMessage().contains(ModelSpec.BGE_SMALL), e.getMessage());
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
