package io.gitlore.scraper.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.gitlore.contracts.RepositoryIds;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.messaging.BoundedSender;
import io.gitlore.contracts.messaging.CancelledJobs;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.messaging.OutputLedger;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.scraper.config.ScraperConfig;
import io.gitlore.scraper.git.HistoryScraper;
import io.gitlore.scraper.git.RepositoryLocator;
import io.gitlore.scraper.git.ScrapeException;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.scraper.messaging.CommitPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.jboss.logging.Logger;

/**
 * Runs one scrape job end to end: takes a {@link ScrapeRequest}, publishes the commit stream and the job's
 * accepted/progress/completed/failed events, and records the emitted commits once Kafka has acknowledged them. The
 * request is committed only when this returns, so a scraper killed mid-job scrapes the job again after its restart;
 * what the killed run published is not sent twice, and a job whose stream is complete is not scraped again. A
 * cancelled job stops before the next commit: its stream ends with the summary of what was sent, and a request that
 * arrives after the cancellation is dropped.
 */
@ApplicationScoped
public class ScrapeJobService {

    private static final Logger LOG = Logger.getLogger(ScrapeJobService.class);

    private final ScraperConfig config;
    private final CommitPublisher commits;
    private final JobEvents events;
    private final CancelledJobs cancellations;
    private final RepositoryLocator locator;
    private final HistoryScraper scraper;

    public ScrapeJobService(ScraperConfig config, CommitPublisher commits) {
        this.config = config;
        this.commits = commits;
        this.events = commits.events();
        this.cancellations = commits.cancellations();
        this.locator = new RepositoryLocator(config.allowedRoots(), config.allowedHosts(), config.allowedSchemes(),
                config.dataDir());
        this.scraper = new HistoryScraper(config.scrape(), new BlobStore(config.dataDir()));
    }

    public void run(ScrapeRequest request) {
        String jobId = request.jobId();
        String cancelled = cancellations.reason(jobId);
        if (cancelled != null) {
            // The request came after its cancellation (or again after a restart): nothing was sent, nothing is.
            cancellations.announce(jobId, 0, -1, "scrape not started: the job was cancelled (" + cancelled + ")",
                    Map.of());
            LOG.infof("job %s was cancelled: not scraping it", jobId);
            return;
        }
        events.publish(jobId, JobEventType.ACCEPTED, 0, -1, "scrape of " + request.repository() + " accepted",
                Map.of("repository", String.valueOf(request.repository())));
        try {
            String repositoryId = RepositoryIds.of(request.repository());
            try (Repository repo = locator.open(request.repository())) {
                SeenCommits seen = SeenCommits.load(config.dataDir(), repositoryId);
                OutputLedger.Sent<CommitStreamItem> published = commits.published(jobId);
                if (published.last() instanceof RepositorySummary summary) {
                    if (summary.wasCancelled()) {
                        cancel(jobId, summary, -1);
                    } else {
                        recordSeen(seen, published);
                        complete(jobId, summary, " (sent by an earlier run of this job)");
                    }
                    return;
                }
                BoundedSender<CommitStreamItem> session = commits.open(config.maxInFlight(), published);
                HistoryScraper.Result result = scraper.scrape(repo, new HistoryScraper.Request(jobId, repositoryId,
                                request.repository(), request.refs(), request.sinceCommit(),
                                request.snapshot() != null ? request.snapshot() : config.snapshot(),
                                request.snapshotRef()), seen,
                        new HistoryScraper.Listener() {
                            @Override
                            public void preScan(PreScan preScan) {
                                session.send(preScan);
                                events.publish(jobId, JobEventType.PROGRESS, 0, preScan.commits(),
                                        "pre-scan: " + preScan.commits() + " commits to read, "
                                                + preScan.alreadySeen() + " already scraped", details(preScan));
                            }

                            @Override
                            public void commit(CommitRecord commit) {
                                session.send(commit);
                            }

                            @Override
                            public void snapshot(io.gitlore.contracts.scrape.SnapshotBatch batch) {
                                session.send(batch);
                            }

                            @Override
                            public String cancelled() {
                                return cancellations.reason(jobId);
                            }

                            @Override
                            public void progress(long done, long total) {
                                events.publish(jobId, JobEventType.PROGRESS, done, total,
                                        done + "/" + total + " commits", Map.of());
                            }
                        });
                RepositorySummary summary = result.summary();
                session.send(summary);
                session.awaitAcks(600);
                // A cancelled job records nothing as seen: the chunker and the tokenizer dropped part of what it sent,
                // so the repository's next job reads those commits again (every stage's ids make that idempotent).
                if (summary.wasCancelled()) {
                    cancel(jobId, summary, result.total());
                } else {
                    seen.append(result.emitted());
                    complete(jobId, summary, "");
                }
            }
        } catch (ScrapeException e) {
            LOG.warnf("job %s failed: %s", jobId, e.getMessage());
            events.publish(jobId, JobEventType.FAILED, 0, -1, e.getMessage(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.publish(jobId, JobEventType.FAILED, 0, -1, "the scraper was stopped during the job", Map.of());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s failed unexpectedly", jobId);
            events.publish(jobId, JobEventType.FAILED, 0, -1, "unexpected error: " + e.getMessage(), Map.of());
        }
    }

    private void complete(String jobId, RepositorySummary summary, String note) {
        String message = "scraped " + summary.emitted() + " commits"
                + (summary.skippedAlreadySeen() > 0 ? ", skipped " + summary.skippedAlreadySeen()
                + " already scraped" : "")
                + (summary.notes().isEmpty() ? "" : "; " + String.join("; ", summary.notes())) + note;
        events.publish(jobId, JobEventType.COMPLETED, summary.emitted(), summary.emitted(), message,
                details(summary));
        LOG.infof("job %s: %s", jobId, message);
    }

    private void cancel(String jobId, RepositorySummary summary, long total) {
        String message = "scrape cancelled after " + summary.emitted() + " of " + total + " commits ("
                + summary.cancelled() + ")";
        cancellations.announce(jobId, summary.emitted(), total, message, details(summary));
        LOG.infof("job %s: %s", jobId, message);
    }

    /** An earlier run may have died between its summary's acknowledgement and recording its commits as seen. */
    private static void recordSeen(SeenCommits seen, OutputLedger.Sent<CommitStreamItem> published) {
        List<ObjectId> missing = new ArrayList<>();
        for (String id : published.ids()) {
            if (ObjectId.isId(id) && !seen.contains(ObjectId.fromString(id))) {
                missing.add(ObjectId.fromString(id));
            }
        }
        seen.append(missing);
    }

    private static Map<String, Object> details(Object record) {
        return JobEvents.details(record);
    }
}
