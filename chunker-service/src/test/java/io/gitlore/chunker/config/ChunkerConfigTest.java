package io.gitlore.chunker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitlore.testsupport.ConfigDoc;
import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.Test;

/** The chunker's configuration: its defaults are valid, a bad value names its property, the doc matches it. */
class ChunkerConfigTest {

    @Test
    void theDefaultsAreValid() {
        ChunkerConfig config = Mappings.defaults(ChunkerConfig.class);
        assertEquals(64, config.chunking().minTokens());
        assertEquals(0.7, config.chunking().nearDuplicateJaccard());
        assertEquals(250, config.progressEvery());
    }

    @Test
    void aProgressIntervalOfZeroStopsTheServiceWithThePropertyName() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Mappings.of(ChunkerConfig.class, "progress-every", "0"));
        assertTrue(e.getMessage().contains("gitlore.chunker.progress-every must be greater than 0"), e.getMessage());
    }

    @Test
    void negativeSizesAndASimilarityAboveOneAreRefused() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Mappings.of(ChunkerConfig.class,
                "window-lines", "-5", "near-duplicate-jaccard", "1.5", "threads", "0", "max-inline-code-bytes", "-1"));
        for (String property : new String[] {"window-lines", "near-duplicate-jaccard", "threads",
                "max-inline-code-bytes"}) {
            assertTrue(e.getMessage().contains("gitlore.chunker." + property + " must be"), e.getMessage());
        }
    }

    @Test
    void aMinimumAboveTheMaximumIsRefused() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Mappings.of(ChunkerConfig.class, "min-tokens", "600", "max-tokens", "512"));
        assertTrue(e.getMessage().contains("min-tokens must not exceed max-tokens"), e.getMessage());
        assertTrue(e.getMessage().contains("gitlore.chunker"), e.getMessage());
    }

    @Test
    void docsConfigurationMdMatchesTheMapping() {
        ConfigDoc.assertDocumented("chunker-service", ChunkerConfig.class);
    }
}
