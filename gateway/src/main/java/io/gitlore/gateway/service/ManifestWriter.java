package io.gitlore.gateway.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.store.JobStore;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a run's manifest to {@code <data>/jobs/<job-id>/MANIFEST.json} (beside the dataset and model) when the job
 * ends, and again when its training report or dataset record arrives after that; replaced atomically.
 */
@ApplicationScoped
public class ManifestWriter implements JobEndListener {

    public static final String FILE = "MANIFEST.json";

    private final JobStore store;
    private final RunManifests manifests;
    private final Path dataDir;

    public ManifestWriter(JobStore store, GatewayConfig config) {
        this.store = store;
        this.dataDir = config.dataDir();
        this.manifests = new RunManifests(config.stages(), config.dataDir());
    }

    @Override
    public void ended(JobView job) {
        write(job.jobId());
    }

    @Override
    public void updated(JobView job) {
        write(job.jobId());
    }

    public RunManifests manifests() {
        return manifests;
    }

    private void write(String jobId) {
        RunManifest manifest = manifests.of(store.find(jobId).orElseThrow(), store.dataset(jobId),
                store.report(jobId));
        Path file = dataDir.resolve("jobs").resolve(jobId).resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE, ".tmp");
            Files.write(temporary, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of job " + jobId + " to " + file, e);
        }
    }
}
