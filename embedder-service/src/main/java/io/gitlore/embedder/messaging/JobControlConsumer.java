package io.gitlore.embedder.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.embedder.service.EmbedJobService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes job control requests and records each cancellation in the shared data directory, where the embedding job
 * service looks at every item of a chunk stream and the vector backfill before each batch; a payload that is not a
 * control request is dead-lettered with its bytes.
 */
@ApplicationScoped
public class JobControlConsumer {

    private static final Logger LOG = Logger.getLogger(JobControlConsumer.class);

    private final EmbedJobService jobs;

    public JobControlConsumer(EmbedJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(Channels.JOB_CONTROL_IN)
    @Blocking
    public void onControl(byte[] payload) {
        JobControl control = jobs.cancellations().accept(payload);
        LOG.infof("job %s: %s (%s)", control.jobId(), control.action(), control.reason());
    }
}
