package io.gitlore.contracts.serde;

import io.gitlore.contracts.scrape.ScrapeRequest;

/** Reads {@link ScrapeRequest}s from {@code gitlore.scrape.requested.v1}. */
public class ScrapeRequestDeserializer extends JsonDeserializer<ScrapeRequest> {
    public ScrapeRequestDeserializer() {
        super(ScrapeRequest.class);
    }
}
