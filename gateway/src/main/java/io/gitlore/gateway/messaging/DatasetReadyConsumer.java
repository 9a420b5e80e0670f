package io.gitlore.gateway.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobIds;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.service.JobRecorder;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes dataset-ready records (the dataset's directory, manifest and epoch plan, or why it is empty) and stores
 * each beside its job for the run's manifest; a payload that is not one, or has no usable job id, is dead-lettered.
 */
@ApplicationScoped
public class DatasetReadyConsumer {

    private final JobRecorder recorder;

    public DatasetReadyConsumer(JobRecorder recorder) {
        this.recorder = recorder;
    }

    @Incoming(Channels.DATASETS_IN)
    @Blocking
    public void onReady(byte[] payload) {
        DatasetReady ready = Json.readMessage(payload, DatasetReady.class, "dataset-ready record", DatasetReady::jobId);
        if (!JobIds.isValid(ready.jobId())) {
            throw new IllegalArgumentException("dataset-ready record with an unusable job id '" + ready.jobId() + "'");
        }
        recorder.dataset(ready);
    }
}
