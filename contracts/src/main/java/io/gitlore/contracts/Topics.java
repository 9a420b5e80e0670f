package io.gitlore.contracts;

/** Kafka topic names of the gitlore pipeline: {@code gitlore.<stage>.<event>.v1}, one topic per event. */
public final class Topics {
    /** Scrape requests from the gateway; key = job id. */
    public static final String SCRAPE_REQUESTED = "gitlore.scrape.requested.v1";
    /** Pre-scan, commit records in history order, then the repository summary; key = repository id. */
    public static final String COMMITS = "gitlore.commits.v1";
    /** Semantic chunks of changed code; key = repository id. */
    public static final String CHUNKS = "gitlore.chunks.v1";
    /** Dataset manifests; key = job id. */
    public static final String DATASETS_READY = "gitlore.datasets.ready.v1";
    /** Training reports; key = job id. */
    public static final String TRAINING_REPORTS = "gitlore.training.reports.v1";
    /** Job lifecycle events of every stage; key = job id. */
    public static final String JOB_EVENTS = "gitlore.jobs.events.v1";
    /** Requests to every stage about a running job (cancel); key = job id. */
    public static final String JOB_CONTROL = "gitlore.jobs.control.v1";

    /** Suffix of the dead-letter topic of a consuming channel's topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic that a consumer of {@code topic} writes poison messages to. */
    public static String deadLetter(String topic, String consumer) {
        return topic + "." + consumer + DEAD_LETTER_SUFFIX;
    }
}
