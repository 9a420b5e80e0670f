package io.gitlore.scraper.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gitlore.scraper.git.MergeDiff;
import io.gitlore.testsupport.ConfigDoc;
import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.Test;

/** The scraper's configuration: its defaults are valid, a bad value names its property, the doc matches it. */
class ScraperConfigTest {

    @Test
    void theDefaultsAreValid() {
        ScraperConfig config = Mappings.defaults(ScraperConfig.class);
        assertEquals(MergeDiff.FIRST_PARENT, config.scrape().mergeDiff());
        assertEquals(250, config.scrape().progressEvery());
        assertTrue(config.scrape().diffThreads() >= 1);
    }

    @Test
    void aProgressIntervalOfZeroStopsTheServiceWithThePropertyName() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Mappings.of(ScraperConfig.class, "progress-every", "0"));
        assertTrue(e.getMessage().contains("gitlore.scraper.progress-every must be greater than 0"), e.getMessage());
    }

    @Test
    void negativeSizesAndOutOfRangePercentagesAreRefused() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Mappings.of(ScraperConfig.class,
                "max-blob-bytes", "-1", "rename-score", "101", "diff-threads", "0", "max-in-flight", "0"));
        for (String property : new String[] {"max-blob-bytes", "rename-score", "diff-threads", "max-in-flight"}) {
            assertTrue(e.getMessage().contains("gitlore.scraper." + property + " must be"), e.getMessage());
        }
    }

    @Test
    void aMistypedMergeDiffIsRefusedWithTheAllowedValues() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Mappings.of(ScraperConfig.class, "merge-diff", "first_parnet"));
        assertTrue(e.getMessage().contains("gitlore.scraper.merge-diff"), e.getMessage());
        assertTrue(e.getMessage().contains("first-parent") && e.getMessage().contains("none"), e.getMessage());
        assertEquals(MergeDiff.NONE, Mappings.of(ScraperConfig.class, "merge-diff", "none").scrape().mergeDiff());
    }

    @Test
    void docsConfigurationMdMatchesTheMapping() {
        ConfigDoc.assertDocumented("scraper-service", ScraperConfig.class);
    }
}
