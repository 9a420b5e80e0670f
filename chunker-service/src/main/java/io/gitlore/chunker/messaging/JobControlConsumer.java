package io.gitlore.chunker.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobControl;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes job control requests and records each cancellation in the shared data directory, where the chunk job
 * service looks at every item of a commit stream; a payload that is not a control request is dead-lettered with its
 * bytes.
 */
@ApplicationScoped
public class JobControlConsumer {

    private static final Logger LOG = Logger.getLogger(JobControlConsumer.class);

    private final ChunkPublisher publisher;

    public JobControlConsumer(ChunkPublisher publisher) {
        this.publisher = publisher;
    }

    @Incoming(Channels.JOB_CONTROL_IN)
    @Blocking
    public void onControl(byte[] payload) {
        JobControl control = publisher.cancellations().accept(payload);
        LOG.infof("job %s: %s (%s)", control.jobId(), control.action(), control.reason());
    }
}
