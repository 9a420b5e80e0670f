package io.gitlore.embedder.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitlore.embedder.model.InferenceDevice;
import io.gitlore.embedder.model.Pooling;
import io.gitlore.testsupport.ConfigDoc;
import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.Test;

/** The embedder's configuration: its defaults are valid, a bad value names its property, the doc matches it. */
class EmbedderConfigTest {

    @Test
    void theDefaultsAreValid() {
        EmbedderConfig config = Mappings.defaults(EmbedderConfig.class);
        assertEquals(Pooling.CLS, config.pooling());
        assertEquals(InferenceDevice.AUTO, config.inference().device());
        assertEquals(64, config.inference().maxBatch());
    }

    @Test
    void mistypedChoicesAreRefusedWithTheAllowedValues() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Mappings.of(EmbedderConfig.class, "pooling", "avg", "device", "cuda"));
        for (String expected : new String[] {"gitlore.embedder.pooling", "cls", "mean", "gitlore.embedder.device",
                "auto", "cpu", "gpu"}) {
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
        RuntimeException model = assertThrows(RuntimeException.class,
                () -> Mappings.of(EmbedderConfig.class, "model", "bge-smal-en"));
        assertTrue(model.getMessage().contains("gitlore.embedder.model"), model.getMessage());
        assertTrue(model.getMessage().contains("must be bge-small-en-v1.5, bge-small-en-v1.5-q or all-minilm-l6-v2"),
                model.getMessage());
        for (String name : new String[] {"bge-small-en-v1.5", "BGE-small-en-v1.5-q", "all-minilm-l6-v2", "minilm"}) {
            assertEquals(name, Mappings.of(EmbedderConfig.class, "model", name).model());
        }
        EmbedderConfig forced = Mappings.of(EmbedderConfig.class, "pooling", "mean", "device", "cpu");
        assertEquals(Pooling.MEAN, forced.pooling());
        assertEquals(InferenceDevice.CPU, forced.inference().device());
    }

    @Test
    void emptyBatchesAndNegativeCountsAreRefused() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Mappings.of(EmbedderConfig.class,
                "max-batch", "0", "upsert-batch", "0", "threads", "-1", "max-tokens", "0", "candidates", "0"));
        for (String property : new String[] {"max-batch", "upsert-batch", "threads", "max-tokens", "candidates"}) {
            assertTrue(e.getMessage().contains("gitlore.embedder." + property + " must be"), e.getMessage());
        }
    }

    @Test
    void docsConfigurationMdMatchesTheMapping() {
        ConfigDoc.assertDocumented("embedder-service", EmbedderConfig.class);
    }
}
