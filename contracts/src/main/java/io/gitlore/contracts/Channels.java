package io.gitlore.contracts;

/** SmallRye Reactive Messaging channel names; each service maps them to {@link Topics} in application.properties. */
public final class Channels {
    public static final String SCRAPE_REQUESTS_IN = "scrape-requests-in";
    public static final String SCRAPE_REQUESTS_OUT = "scrape-requests-out";
    public static final String COMMITS_OUT = "commits-out";
    public static final String COMMITS_IN = "commits-in";
    public static final String CHUNKS_OUT = "chunks-out";
    public static final String CHUNKS_IN = "chunks-in";
    public static final String DATASETS_OUT = "datasets-out";
    public static final String DATASETS_IN = "datasets-in";
    public static final String TRAINING_REPORTS_OUT = "training-reports-out";
    public static final String TRAINING_REPORTS_IN = "training-reports-in";
    public static final String JOB_EVENTS_OUT = "job-events-out";
    public static final String JOB_EVENTS_IN = "job-events-in";
    public static final String JOB_CONTROL_OUT = "job-control-out";
    public static final String JOB_CONTROL_IN = "job-control-in";

    private Channels() {
    }
}
