package io.gitlore.trainer.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobIds;
import io.gitlore.contracts.serde.Json;
import io.gitlore.trainer.config.TrainerConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes job control requests and records each cancellation as a marker in the shared data directory, where the
 * training loop looks after every step (so the replica training the job sees it, whichever replica consumed it); a
 * payload that is not a control request, or names an unusable job id, is dead-lettered with its bytes.
 */
@ApplicationScoped
public class JobControlConsumer {

    private static final Logger LOG = Logger.getLogger(JobControlConsumer.class);

    private final TrainerConfig config;

    public JobControlConsumer(TrainerConfig config) {
        this.config = config;
    }

    @Incoming(Channels.JOB_CONTROL_IN)
    @Blocking
    public void onControl(byte[] payload) {
        JobControl control = Json.readMessage(payload, JobControl.class, "job control request", JobControl::jobId);
        JobIds.require(control.jobId());
        if (control.action() == JobControl.Action.CANCEL) {
            Cancellations.record(config.dataDir(), control);
            LOG.infof("job %s cancelled (%s)", control.jobId(), control.reason());
        }
    }
}
