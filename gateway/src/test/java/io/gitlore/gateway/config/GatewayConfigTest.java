package io.gitlore.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.gitlore.testsupport.ConfigDoc;
import io.gitlore.testsupport.Mappings;
import org.junit.jupiter.api.Test;

/** The gateway's configuration: no key refuses the start (unless insecure-dev), the doc matches the mapping. */
class GatewayConfigTest {

    @Test
    void withoutAKeyTheGatewayRefusesToStartNamingTheSetting() {
        for (RuntimeException e : List.of(
                assertThrows(RuntimeException.class, () -> Mappings.defaults(GatewayConfig.class)),
                assertThrows(RuntimeException.class, () -> Mappings.of(GatewayConfig.class, "api-key", " ")))) {
            assertTrue(e.getMessage().contains("gitlore.gateway.api-key") && e.getMessage().contains("insecure-dev"),
                    e.getMessage());
        }
    }

    @Test
    void aKeyOrTheInsecureDevelopmentFlagLetsItStart() {
        GatewayConfig keyed = Mappings.of(GatewayConfig.class, "api-key", "s3cret");
        assertEquals("s3cret", keyed.apiKey().orElseThrow());
        assertFalse(keyed.insecureDev());
        assertEquals(List.of("scrape", "chunk", "dataset", "embed", "training"), keyed.stages());
        assertEquals(Duration.ofSeconds(30), keyed.publishTimeout());
        assertTrue(Mappings.of(GatewayConfig.class, "insecure-dev", "true").apiKey().isEmpty());
    }

    @Test
    void aMistypedStageOrCloneSchemeStopsTheStartWithTheAllowedValues() {
        RuntimeException stage = assertThrows(RuntimeException.class, () -> Mappings.of(GatewayConfig.class,
                "api-key", "k", "stages", "scrape,chunks"));
        assertTrue(stage.getMessage().contains("gitlore.gateway.stages")
                && stage.getMessage().contains("must be one of scrape, chunk"), stage.getMessage());
        RuntimeException scheme = assertThrows(RuntimeException.class, () -> Mappings.of(GatewayConfig.class,
                "api-key", "k", "clone-schemes", "https,file"));
        assertTrue(scheme.getMessage().contains("gitlore.gateway.clone-schemes")
                && scheme.getMessage().contains("must be one of https"), scheme.getMessage());
    }

    @Test
    void docsConfigurationMdMatchesTheMapping() {
        ConfigDoc.assertDocumented("gateway", GatewayConfig.class);
    }
}
