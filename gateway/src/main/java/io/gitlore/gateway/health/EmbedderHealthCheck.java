package io.gitlore.gateway.health;

import io.gitlore.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the embedder-service, which answers the search and context routes. */
@Readiness
@Singleton
public class EmbedderHealthCheck extends StageHealthCheck {

    public EmbedderHealthCheck(GatewayConfig config,
                               @ConfigProperty(name = "quarkus.rest-client.embedder.url") String url) {
        super("embedder-service", url, config.stageHealthTimeout());
    }
}
