package io.gitlore.contracts.serde;

import io.gitlore.contracts.training.TrainingReport;

/** Reads {@link TrainingReport} records from {@code gitlore.training.reports.v1}. */
public class TrainingReportDeserializer extends JsonDeserializer<TrainingReport> {
    public TrainingReportDeserializer() {
        super(TrainingReport.class);
    }
}
