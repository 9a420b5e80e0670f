package io.gitlore.tokenizer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitlore.contracts.dataset.DatasetOptions;
import io.gitlore.testsupport.ConfigDoc;
import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.Test;

/** The tokenizer's configuration: its defaults are valid, a bad value names its property, the doc matches it. */
class TokenizerConfigTest {

    @Test
    void theDefaultsAreValidAndBecomeTheManifestsOptions() {
        DatasetOptions options = Mappings.defaults(TokenizerConfig.class).toOptions();
        assertEquals(new DatasetOptions(2048, 256, 128, 0.85, 0.10, 20_000_000L, 3, 10, 8, true), options);
    }

    @Test
    void sharesAddingUpToMoreThanOneAreRefused() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Mappings.of(TokenizerConfig.class, "train-share", "0.9", "validation-share", "0.2"));
        assertTrue(e.getMessage().contains("gitlore.tokenizer"), e.getMessage());
        assertTrue(e.getMessage().contains("train-share + validation-share must not exceed 1"), e.getMessage());
        Mappings.of(TokenizerConfig.class, "train-share", "0.9", "validation-share", "0.1"); // exactly 1 is fine
    }

    @Test
    void negativeLengthsAndSharesOutsideZeroToOneAreRefused() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Mappings.of(TokenizerConfig.class,
                "stride", "0", "context-length", "-1", "train-share", "0", "validation-share", "-0.1"));
        for (String property : new String[] {"stride", "context-length", "train-share", "validation-share"}) {
            assertTrue(e.getMessage().contains("gitlore.tokenizer." + property + " must be"), e.getMessage());
        }
    }

    @Test
    void anEpochFloorAboveTheCeilingIsRefused() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Mappings.of(TokenizerConfig.class, "min-epochs", "12"));
        assertTrue(e.getMessage().contains("min-epochs must not exceed max-epochs"), e.getMessage());
    }

    @Test
    void docsConfigurationMdMatchesTheMapping() {
        ConfigDoc.assertDocumented("tokenizer-service", TokenizerConfig.class);
    }
}
