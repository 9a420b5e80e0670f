package io.gitlore.gateway.health;

import java.nio.file.Files;

import io.gitlore.gateway.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the job store: its directory is there and writable; says how many jobs it holds. */
@Readiness
@ApplicationScoped
public class JobStoreHealthCheck implements HealthCheck {

    private final JobStore store;

    public JobStoreHealthCheck(JobStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = Files.isDirectory(store.directory()) && Files.isWritable(store.directory());
        return HealthCheckResponse.named("job-store").status(up).withData("path", store.directory().toString())
                .withData("jobs", store.size()).build();
    }
}
