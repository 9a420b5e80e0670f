package io.gitlore.trainer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitlore.testsupport.ConfigDoc;
import io.gitlore.testsupport.Mappings;
import io.gitlore.trainer.model.Preset;
import io.gitlore.trainer.training.TrainingSettings;
import org.junit.jupiter.api.Test;

/** The trainer's configuration: its defaults are valid, a bad value names its property, the doc matches it. */
class TrainerConfigTest {

    @Test
    void theDefaultsAreValidAndBecomeTheRunsSettings() {
        TrainingSettings s = Mappings.defaults(TrainerConfig.class).settings();
        assertEquals(Preset.TINY, s.preset());
        assertEquals(8, s.effectiveBatch());
        assertEquals(42, s.seed());
        assertEquals(3, s.patience());
        assertTrue(s.pruneVocabulary());
        assertTrue(!s.lora().enabled());
        assertEquals(0, Mappings.defaults(TrainerConfig.class).gpus(), "every visible GPU by default");
    }

    @Test
    void aTypoInAChoiceNamesTheAllowedValues() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Mappings.of(TrainerConfig.class, "preset", "tiyn"));
        assertTrue(e.getMessage().toLowerCase().contains("tiny") && e.getMessage().toLowerCase().contains("gpt2"),
                e.getMessage());
    }

    @Test
    void zeroOrNegativeValuesAreRefusedNamingTheProperty() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Mappings.of(TrainerConfig.class,
                "effective-batch", "0", "eval-every", "0", "lora-rank", "-1", "weight-decay", "2", "gpus", "-1"));
        for (String property : new String[] {"effective-batch", "eval-every", "lora-rank", "weight-decay", "gpus"}) {
            assertTrue(e.getMessage().contains("gitlore.trainer." + property), e.getMessage());
        }
    }

    @Test
    void docsConfigurationMdMatchesTheMapping() {
        ConfigDoc.assertDocumented("trainer-service", TrainerConfig.class);
    }
}
