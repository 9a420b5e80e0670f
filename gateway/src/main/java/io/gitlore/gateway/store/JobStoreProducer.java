package io.gitlore.gateway.store;

import io.gitlore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Opens the one job store of the gateway, under {@code <data-dir>/gateway/jobs}, at start. */
@ApplicationScoped
public class JobStoreProducer {

    @Produces
    @Singleton
    JobStore jobStore(GatewayConfig config) {
        return new JobStore(config.dataDir().resolve("gateway").resolve("jobs"));
    }
}
