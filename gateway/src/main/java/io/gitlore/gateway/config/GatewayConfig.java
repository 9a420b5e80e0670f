package io.gitlore.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;

/** Every setting of the gateway (prefix {@code gitlore.gateway}); each is also an env var. */
@ConfigMapping(prefix = "gitlore.gateway")
public interface GatewayConfig {

    /** Root of the shared data directory; the job store lives in its {@code gateway/jobs} directory. */
    @WithDefault(".data")
    Path dataDir();

    /** The key every {@code /api/v1} request carries in the {@code X-API-Key} header (required unless insecure-dev). */
    Optional<String> apiKey();

    /** Local development only: start without an API key and let every request through. */
    @WithDefault("false")
    boolean insecureDev();

    /** Local repositories a job may read: its real path (symlinks resolved) must lie under one of these. */
    @WithDefault("${user.dir}")
    List<Path> allowedRoots();

    /** The stages whose completion completes a job, in pipeline order (the {@code stage} of their job events). */
    @WithDefault("scrape,chunk,dataset,embed,training")
    @NotEmpty
    List<String> stages();

    /** How long a job submission waits for the broker to acknowledge its scrape request before answering 503. */
    @WithDefault("30s")
    Duration publishTimeout();

    /** Without a key every caller could start jobs on this machine's repositories: refuse to start. */
    @AssertTrue(message = "gitlore.gateway.api-key (GITLORE_GATEWAY_API_KEY) must be set, or "
            + "gitlore.gateway.insecure-dev=true for local development only")
    default boolean isKeySetOrInsecureDev() {
        return insecureDev() || apiKey().filter(key -> !key.isBlank()).isPresent();
    }
}
