package io.gitlore.contracts.serde;

import io.gitlore.contracts.job.JobControl;

/** Reads {@link JobControl} requests from {@code gitlore.jobs.control.v1}. */
public class JobControlDeserializer extends JsonDeserializer<JobControl> {
    public JobControlDeserializer() {
        super(JobControl.class);
    }
}
