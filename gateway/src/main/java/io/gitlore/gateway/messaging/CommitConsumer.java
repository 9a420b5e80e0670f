package io.gitlore.gateway.messaging;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.job.JobIds;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.store.CoChangeStore;
import io.gitlore.gateway.store.CommitLine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the scraper's commit stream and hands each commit's changed paths to the co-change store; the other
 * records of the stream (pre-scan, snapshot, end) are passed over. Only the fields it needs are read (a commit's
 * patches are skipped by the parser, not built); a payload that is not JSON of the stream is dead-lettered.
 */
@ApplicationScoped
public class CommitConsumer {

    /** The part of a commit record (or of any record of the stream) the gateway reads. */
    record CommitFiles(String type, String repositoryId, String hash, Author author, String subject, boolean merge,
                       List<FileRef> files) {
    }

    /** Who and when. */
    record Author(String name, Instant time) {
    }

    /** A changed file's paths. */
    record FileRef(String oldPath, String newPath) {
        String path() {
            return newPath != null ? newPath : oldPath;
        }
    }

    private final CoChangeStore store;
    private final Counter counted;

    public CommitConsumer(CoChangeStore store, MeterRegistry meters) {
        this.store = store;
        this.counted = meters.counter("gitlore.gateway.cochange.commits");
    }

    @Incoming(Channels.COMMITS_IN)
    @Blocking
    public void onCommit(byte[] payload) {
        CommitFiles item;
        try {
            item = Json.read(payload, CommitFiles.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed commit stream record: " + e.getMessage(), e);
        }
        if (item == null || !"commit".equals(item.type())) {
            return;
        }
        if (!JobIds.isValid(item.repositoryId()) || item.hash() == null || item.hash().isBlank()) {
            throw new IllegalArgumentException("commit record without a usable repository id or hash");
        }
        List<String> paths = item.files() == null ? List.of()
                : item.files().stream().map(FileRef::path).filter(p -> p != null && !p.isBlank()).toList();
        CommitLine line = new CommitLine(item.hash(), item.author() == null ? null : item.author().time(),
                item.author() == null ? null : item.author().name(), item.subject(), paths);
        if (store.add(item.repositoryId(), line, item.merge())) {
            counted.increment();
        }
    }
}
