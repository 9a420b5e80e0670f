package io.gitlore.chunker.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.gitlore.chunker.config.ChunkerConfig;
import io.gitlore.chunker.core.PipelinedChunker;
import io.gitlore.chunker.core.JobState;
import io.gitlore.chunker.messaging.ChunkPublisher;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.messaging.BoundedSender;
import io.gitlore.contracts.messaging.CancelledJobs;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.messaging.OutputLedger;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs the chunk stage of each job: takes the commit stream (pre-scan, commits, summary), publishes chunks and, at
 * the summary, the job's {@link ChunkingStats} with the exact count, plus accepted/progress/completed events. A job's
 * state lives in memory only: a job read again from its pre-scan (after a restart) is chunked again from scratch,
 * which gives the same chunks, and only those not yet published are sent. A cancelled job stops at the next commit
 * of its stream: its end marker counts what was sent, and the rest of its stream is dropped.
 */
@ApplicationScoped
public class ChunkJobService {

    private static final Logger LOG = Logger.getLogger(ChunkJobService.class);

    /** One job in flight: its state, its sender and how many commits the scraper announced. */
    private record Job(JobState state, BoundedSender<ChunkStreamItem> sender, long expectedCommits) {
    }

    private final ChunkerConfig config;
    private final ChunkPublisher chunks;
    private final JobEvents events;
    private final CancelledJobs cancellations;
    private final PipelinedChunker chunker;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    public ChunkJobService(ChunkerConfig config, ChunkPublisher chunks, MeterRegistry meters) {
        this.config = config;
        this.chunks = chunks;
        this.events = chunks.events();
        this.cancellations = chunks.cancellations();
        this.chunker = new PipelinedChunker(config.chunking(), new BlobStore(config.dataDir()),
                config.threads().orElse(Runtime.getRuntime().availableProcessors()), meters);
    }

    /**
     * Takes the next item of a commit stream; true when it ended its job and every chunk of the job is acknowledged
     * (its input may then be committed). Items of one partition arrive one at a time; the chunker's native parsers
     * are used by one thread at once.
     */
    public synchronized boolean handle(CommitStreamItem item) {
        String cancelled = cancellations.reason(item.jobId());
        if (cancelled == null && item instanceof RepositorySummary s && s.wasCancelled()) {
            cancelled = s.cancelled(); // the scraper saw the cancel first: the stream ends here either way
        }
        if (cancelled != null) {
            return cancel(item, cancelled);
        }
        if (item instanceof PreScan p) {
            restartIfRunning(p.jobId());
            jobs.put(p.jobId(), newJob(p.jobId(), p.repositoryId(), p.commits()));
            events.publish(p.jobId(), JobEventType.ACCEPTED, 0, p.commits(), "chunking " + p.commits() + " commits",
                    Map.of());
        } else if (item instanceof CommitRecord c) {
            Job job = jobs.computeIfAbsent(c.jobId(), id -> newJob(id, c.repositoryId(), -1));
            chunker.submit(c, job.state(), job.sender()::send);
            long done = job.state().commits();
            if (done % config.progressEvery() == 0) {
                events.publish(c.jobId(), JobEventType.PROGRESS, done, job.expectedCommits(),
                        done + " commits chunked, " + job.state().emitted() + " chunks", Map.of());
            }
        } else if (item instanceof SnapshotBatch b) {
            Job job = jobs.computeIfAbsent(b.jobId(), id -> newJob(id, b.repositoryId(), -1));
            chunker.snapshot(b, job.state(), job.sender()::send);
        } else if (item instanceof RepositorySummary s) {
            return finish(s);
        }
        return false;
    }

    /**
     * A job's stream read again from its pre-scan while this chunker still holds the job (a rebalance handed the
     * partition back from its last commit): its queued chunks go out and are acknowledged, then it starts over, and
     * the ledger keeps what is already published from being sent twice.
     */
    private void restartIfRunning(String jobId) {
        Job running = jobs.remove(jobId);
        if (running == null) {
            return;
        }
        chunker.flush();
        try {
            running.sender().awaitAcks(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("job %s: chunks of the interrupted run were refused (%s); the new run sends them", jobId,
                    e.getMessage());
        }
    }

    private Job newJob(String jobId, String repositoryId, long expected) {
        return new Job(new JobState(jobId, repositoryId, config.chunking().nearDuplicateJaccard()),
                chunks.open(jobId, config.maxInFlight()), expected);
    }

    private boolean finish(RepositorySummary summary) {
        chunker.flush();
        Job job = jobs.remove(summary.jobId());
        if (job == null) {
            job = newJob(summary.jobId(), summary.repositoryId(), summary.emitted());
        }
        ChunkingStats stats = job.state().stats();
        if (!end(job.sender(), stats)) {
            return false;
        }
        String gap = stats.commits() == summary.emitted() ? ""
                : " (received " + stats.commits() + " of the " + summary.emitted() + " commits the scraper sent)";
        String message = "chunked " + stats.commits() + " commits into " + stats.emitted() + " chunks" + gap;
        events.publish(summary.jobId(), JobEventType.COMPLETED, stats.commits(), summary.emitted(), message,
                JobEvents.details(stats));
        LOG.infof("job %s: %s", summary.jobId(), message);
        return true;
    }

    /**
     * Ends a cancelled job at this item: the commits taken before it are chunked and sent (the work in flight),
     * nothing after; the end marker counts what was sent and the job's state is dropped. An item of a job this stage
     * never started (its stream came after the cancel, or again after a restart) ends it with what earlier runs sent;
     * an item of a job it has ended already is dropped. True: the item may be committed.
     */
    private boolean cancel(CommitStreamItem item, String reason) {
        String jobId = item.jobId();
        Job job = jobs.remove(jobId);
        if (job == null && cancellations.announced(jobId)) {
            return true;
        }
        long expected = item instanceof PreScan p ? p.commits() : -1;
        if (job == null) {
            OutputLedger.Sent<ChunkStreamItem> sent = chunks.published(jobId);
            if (sent.last() instanceof ChunkingStats ended) {
                return announce(jobId, ended.commits(), expected, ended, reason);
            }
            job = new Job(new JobState(jobId, item.repositoryId(), config.chunking().nearDuplicateJaccard()),
                    chunks.open(jobId, config.maxInFlight(), sent), expected);
            job.state().alreadySent(sent.ids().size());
        }
        chunker.flush();
        ChunkingStats stats = job.state().stats(reason);
        return end(job.sender(), stats) && announce(jobId, stats.commits(), job.expectedCommits(), stats, reason);
    }

    private boolean announce(String jobId, long done, long total, ChunkingStats stats, String reason) {
        String message = "chunking cancelled after " + done + (total >= 0 ? " of " + total : "") + " commits, "
                + stats.emitted() + " chunks sent (" + reason + ")";
        if (cancellations.announce(jobId, done, total, message, JobEvents.details(stats))) {
            LOG.infof("job %s: %s", jobId, message);
        }
        return true;
    }

    /** Sends the job's end marker and waits until the broker has every record; false (job failed) if it refused. */
    private boolean end(BoundedSender<ChunkStreamItem> sender, ChunkingStats stats) {
        try {
            sender.send(stats);
            sender.awaitAcks(600);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.publish(stats.jobId(), JobEventType.FAILED, 0, -1, "the chunker was stopped", Map.of());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: publishing chunks failed", stats.jobId());
            events.publish(stats.jobId(), JobEventType.FAILED, 0, -1, "publishing chunks failed: " + e.getMessage(),
                    Map.of());
        }
        return false;
    }

    @PreDestroy
    void close() {
        chunker.close();
    }
}
