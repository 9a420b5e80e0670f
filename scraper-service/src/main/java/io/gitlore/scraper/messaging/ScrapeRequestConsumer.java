package io.gitlore.scraper.messaging;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.contracts.serde.Json;
import io.gitlore.scraper.service.ScrapeJobService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes scrape requests and runs each job on a worker thread. The payload arrives as raw bytes so that a
 * malformed request is dead-lettered with its original bytes intact (a deserializer failure would lose them).
 */
@ApplicationScoped
public class ScrapeRequestConsumer {

    private final ScrapeJobService jobs;

    public ScrapeRequestConsumer(ScrapeJobService jobs) {
        this.jobs = jobs;
    }

    @Incoming(Channels.SCRAPE_REQUESTS_IN)
    @Blocking
    public void onRequest(byte[] payload) {
        jobs.run(Json.readMessage(payload, ScrapeRequest.class, "scrape request", ScrapeRequest::jobId));
    }
}
