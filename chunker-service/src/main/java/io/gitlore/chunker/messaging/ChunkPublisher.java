package io.gitlore.chunker.messaging;

import java.util.Map;

import io.gitlore.chunker.config.ChunkerConfig;
import io.gitlore.contracts.Channels;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.messaging.BoundedSender;
import io.gitlore.contracts.messaging.CancelledJobs;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.messaging.OutputLedger;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Sends a job's chunks and its closing stats to {@code gitlore.chunks.v1}, keyed by repository id, leaving out what
 * an earlier run of the same job already published there (its {@link OutputLedger}), and the chunk stage's job
 * events to {@code gitlore.jobs.events.v1}.
 */
@ApplicationScoped
public class ChunkPublisher {

    public static final String STAGE = "chunk";
    private static final Logger LOG = Logger.getLogger(ChunkPublisher.class);

    private final Emitter<ChunkStreamItem> emitter;
    private final JobEvents events;
    private final CancelledJobs cancellations;
    private final OutputLedger ledger;

    public ChunkPublisher(@Channel(Channels.CHUNKS_OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 8192) Emitter<ChunkStreamItem> emitter,
                          @Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> events,
                          @Identifier("default-kafka-broker") Map<String, Object> kafka, ChunkerConfig config) {
        this.emitter = emitter;
        this.events = new JobEvents(events, STAGE);
        this.cancellations = new CancelledJobs(config.dataDir(), this.events);
        this.ledger = new OutputLedger(kafka, Topics.CHUNKS, config.dataDir(), STAGE);
    }

    public JobEvents events() {
        return events;
    }

    /** The jobs cancelled (markers in the data directory) and the stage's one cancelled event per job. */
    public CancelledJobs cancellations() {
        return cancellations;
    }

    /** What earlier runs of the job published on the topic (nothing at its first run). */
    public OutputLedger.Sent<ChunkStreamItem> published(String jobId) {
        return ledger.open(jobId, ChunkStreamItem.class, ChunkStreamItem::jobId, ChunkStreamItem::messageId);
    }

    /** A sender for one run of a job: blocks while too many chunks are unacknowledged, skips those already out. */
    public BoundedSender<ChunkStreamItem> open(String jobId, int maxInFlight) {
        return open(jobId, maxInFlight, published(jobId));
    }

    /** A sender that skips what {@code sent} holds. */
    public BoundedSender<ChunkStreamItem> open(String jobId, int maxInFlight, OutputLedger.Sent<ChunkStreamItem> sent) {
        BoundedSender<ChunkStreamItem> sender = new BoundedSender<>(emitter, ChunkStreamItem::repositoryId,
                maxInFlight);
        if (sent.ids().isEmpty()) {
            return sender;
        }
        LOG.infof("job %s runs again: %d of its messages are already on %s and are not sent twice", jobId,
                sent.ids().size(), Topics.CHUNKS);
        return sender.without(item -> sent.contains(item.messageId()));
    }
}
