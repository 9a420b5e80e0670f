package io.gitlore.contracts.serde;

import io.gitlore.contracts.job.JobEvent;

/** Reads {@link JobEvent}s from {@code gitlore.jobs.events.v1}. */
public class JobEventDeserializer extends JsonDeserializer<JobEvent> {
    public JobEventDeserializer() {
        super(JobEvent.class);
    }
}
