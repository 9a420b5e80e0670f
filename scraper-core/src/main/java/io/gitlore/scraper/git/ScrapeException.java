package io.gitlore.scraper.git;

/** A scrape that cannot go on, with a reason written for a person (it becomes the job's {@code failed} message). */
public class ScrapeException extends Exception {
    public ScrapeException(String reason) {
        super(reason);
    }

    public ScrapeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
