package io.gitlore.contracts.job;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One lifecycle event of one stage of one job, published on {@code gitlore.jobs.events.v1} with key = job id.
 *
 * @param id       deterministic where a retry could repeat it (stage + type + done), random otherwise
 * @param done     units finished so far by this stage (commits for the scraper)
 * @param total    units this stage expects, or -1 when not yet known
 * @param message  a sentence a person understands; for {@code FAILED}, the reason
 * @param details  stage-specific figures (summary, statistics), JSON-friendly values only
 */
public record JobEvent(String id, String jobId, String stage, JobEventType type, long done, long total,
                       String message, Instant at, Map<String, Object> details) {

    public static JobEvent of(String jobId, String stage, JobEventType type, long done, long total, String message,
                              Map<String, Object> details) {
        String id = UUID.nameUUIDFromBytes((jobId + "|" + stage + "|" + type + "|" + done).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new JobEvent(id, jobId, stage, type, done, total, message, Instant.now(),
                details == null ? Map.of() : details);
    }
}
