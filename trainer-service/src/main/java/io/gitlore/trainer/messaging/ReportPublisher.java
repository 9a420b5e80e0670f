package io.gitlore.trainer.messaging;

import java.time.Duration;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.messaging.AckedSend;
import io.gitlore.contracts.messaging.JobEvents;
import io.gitlore.contracts.training.TrainingReport;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Publishes training reports (key = job id), waiting for the broker's acknowledgement, and the trainer's job events. */
@ApplicationScoped
public class ReportPublisher {

    public static final String STAGE = "training";

    private final Emitter<TrainingReport> reports;
    private final JobEvents events;

    public ReportPublisher(@Channel(Channels.TRAINING_REPORTS_OUT) Emitter<TrainingReport> reports,
                           @Channel(Channels.JOB_EVENTS_OUT) Emitter<JobEvent> events) {
        this.reports = reports;
        this.events = new JobEvents(events, STAGE);
    }

    /** Returns once the broker has the report, so the input offset is committed only after it is durable. */
    public void report(TrainingReport report) {
        AckedSend.send(reports, report.jobId(), report, Duration.ofMinutes(2));
    }

    public JobEvents events() {
        return events;
    }
}
