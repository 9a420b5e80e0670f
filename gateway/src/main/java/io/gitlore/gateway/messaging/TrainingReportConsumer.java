package io.gitlore.gateway.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.contracts.job.JobIds;
import io.gitlore.gateway.service.JobRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes training reports and stores each beside its job (a redelivery replaces it); a payload that is not a
 * report or has no usable job id is dead-lettered with its bytes.
 */
@ApplicationScoped
public class TrainingReportConsumer {

    private final JobRecorder recorder;
    private final MeterRegistry meters;

    public TrainingReportConsumer(JobRecorder recorder, MeterRegistry meters) {
        this.recorder = recorder;
        this.meters = meters;
    }

    @Incoming(Channels.TRAINING_REPORTS_IN)
    @Blocking
    public void onReport(byte[] payload) {
        TrainingReport report = Json.readMessage(payload, TrainingReport.class, "training report",
                TrainingReport::jobId);
        if (!JobIds.isValid(report.jobId())) {
            throw new IllegalArgumentException("training report with an unusable job id '" + report.jobId() + "'");
        }
        recorder.report(report);
        meters.counter("gitlore.gateway.training.reports", "status",
                report.status() == null ? "unknown" : report.status().name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }
}
