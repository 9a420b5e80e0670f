package io.gitlore.contracts.serde;

import io.gitlore.contracts.scrape.CommitStreamItem;

/** Reads pre-scans, commit records and summaries from {@code gitlore.commits.v1}. */
public class CommitStreamDeserializer extends JsonDeserializer<CommitStreamItem> {
    public CommitStreamDeserializer() {
        super(CommitStreamItem.class);
    }
}
