package io.gitlore.gateway.store;

import io.gitlore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Opens the gateway's stores at start: the job store under {@code <data-dir>/gateway/jobs}, the co-change store
 * under {@code <data-dir>/gateway/cochange}.
 */
@ApplicationScoped
public class JobStoreProducer {

    @Produces
    @Singleton
    JobStore jobStore(GatewayConfig config) {
        return new JobStore(config.dataDir().resolve("gateway").resolve("jobs"));
    }

    @Produces
    @Singleton
    CoChangeStore coChangeStore(GatewayConfig config) {
        return new CoChangeStore(config.dataDir().resolve("gateway").resolve("cochange"),
                config.context().coChangeMaxFiles(), config.context().history());
    }
}
