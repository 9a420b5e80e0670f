package io.gitlore.gateway.service;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.store.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Takes what the gateway learns about jobs (the stages' events, its own cancellations, reports and dataset-ready
 * records), stores it, and tells the {@link JobEndListener}s when a job has just ended or an ended job got a new
 * document. One lock around store and check, so a job ends exactly once even when a stage's last event and a
 * cancellation arrive together.
 */
@ApplicationScoped
public class JobRecorder {

    private static final Logger LOG = Logger.getLogger(JobRecorder.class);

    private final JobStore store;
    private final List<String> stages;
    private final List<JobEndListener> listeners;
    private final MeterRegistry meters;

    public JobRecorder(JobStore store, GatewayConfig config, @All List<JobEndListener> listeners,
                       MeterRegistry meters) {
        this.store = store;
        this.stages = config.stages();
        this.listeners = List.copyOf(listeners);
        this.meters = meters;
    }

    /** Stores a stage's event; false when it was stored before (a redelivery). */
    public synchronized boolean event(JobEvent event) {
        boolean wasOpen = !status(event.jobId()).finished();
        if (!store.add(event)) {
            return false;
        }
        JobView after = view(event.jobId()).orElseThrow();
        if (event.type().terminal()) {
            measure(after, event);
        }
        if (wasOpen && after.status().finished()) {
            ended(after);
        }
        return true;
    }

    /** Stores the gateway's own cancellation event unless the job has ended meanwhile (then false, nothing stored). */
    public synchronized boolean cancel(JobEvent cancellation) {
        if (status(cancellation.jobId()).finished()) {
            return false;
        }
        return event(cancellation);
    }

    /** Stores the training report; the job ends now when it was waiting only for the report. */
    public synchronized void report(TrainingReport report) {
        boolean wasOpen = !status(report.jobId()).finished();
        store.putReport(report);
        JobView after = view(report.jobId()).orElseThrow();
        if (wasOpen && after.status().finished()) {
            ended(after);
        } else {
            updated(report.jobId());
        }
    }

    public synchronized void dataset(DatasetReady ready) {
        store.putDataset(ready);
        updated(ready.jobId());
    }

    /** A stage's span, from its first event to the one that ended it, as it ended (its first ending only). */
    private void measure(JobView job, JobEvent event) {
        job.stages().stream().filter(s -> s.stage().equals(event.stage()) && s.state() == event.type()
                        && event.at() != null && event.at().equals(s.lastEventAt()) && s.firstEventAt() != null)
                .findFirst().ifPresent(s -> Timer.builder("gitlore.gateway.stage.duration")
                        .description("From a stage's first event of a job to the event that ended its part")
                        .tags("stage", s.stage(), "outcome", lower(s.state().name())).register(meters)
                        .record(Duration.between(s.firstEventAt(), s.lastEventAt())));
    }

    private void ended(JobView job) {
        meters.counter("gitlore.gateway.jobs.ended", "status", lower(job.status().name())).increment();
        notify(job, true);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private void updated(String jobId) {
        view(jobId).filter(job -> job.status().finished()).ifPresent(job -> notify(job, false));
    }

    private JobStatus status(String jobId) {
        return view(jobId).map(JobView::status).orElse(JobStatus.QUEUED);
    }

    private Optional<JobView> view(String jobId) {
        return store.find(jobId).map(job -> JobView.of(job, stages));
    }

    private void notify(JobView job, boolean ended) {
        for (JobEndListener listener : listeners) {
            try {
                if (ended) {
                    listener.ended(job);
                } else {
                    listener.updated(job);
                }
            } catch (RuntimeException e) {
                // A listener's trouble (a full disk for the manifest) must not stop the job's events being consumed.
                LOG.errorf(e, "job %s: %s failed", job.jobId(), listener.getClass().getSimpleName());
            }
        }
    }
}
