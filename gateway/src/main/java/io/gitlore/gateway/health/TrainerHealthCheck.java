package io.gitlore.gateway.health;

import io.gitlore.gateway.config.GatewayConfig;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the trainer-service, which answers the generation and model routes. */
@Readiness
@Singleton
public class TrainerHealthCheck extends StageHealthCheck {

    public TrainerHealthCheck(GatewayConfig config,
                              @ConfigProperty(name = "quarkus.rest-client.trainer.url") String url) {
        super("trainer-service", url, config.stageHealthTimeout());
    }
}
