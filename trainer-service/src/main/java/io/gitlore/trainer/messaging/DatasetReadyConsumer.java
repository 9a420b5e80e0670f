package io.gitlore.trainer.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.service.TrainJobService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes dataset-ready records and trains each job's model; the offset is committed only when the method returns
 * (the report published), so a trainer killed mid-run gets the record again and resumes from its checkpoint. A payload
 * that is not a dataset-ready record is dead-lettered with its bytes.
 */
@ApplicationScoped
public class DatasetReadyConsumer {

    private final TrainJobService jobs;

    public DatasetReadyConsumer(TrainJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(Channels.DATASETS_IN)
    @Blocking
    public void onReady(byte[] payload) {
        jobs.train(Json.readMessage(payload, DatasetReady.class, "dataset-ready record", DatasetReady::jobId));
    }
}
