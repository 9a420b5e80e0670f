package io.gitlore.tokenizer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.testsupport.Mappings;
import io.gitlore.tokenizer.bpe.CodeTokenizer;
import io.gitlore.tokenizer.config.TokenizerConfig;
import io.gitlore.tokenizer.dataset.DatasetBuilderTest;
import io.gitlore.tokenizer.messaging.DatasetPublisher;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tokenizer that will not load fails the job with its reason; it is never reported as nothing to train on. */
class DatasetJobServiceTest {

    /** What TiktokenConverter throws when JTokkit's GPT-2 ranks are missing from the class path. */
    private static final String BROKEN = "/com/knuddels/jtokkit/r50k_base.tiktoken is not on the classpath";

    @TempDir
    Path tmp;

    private final Recording<DatasetReady> ready = new Recording<>();
    private final Recording<JobEvent> events = new Recording<>();

    private DatasetJobService serviceWithABrokenTokenizer() {
        return new DatasetJobService(Mappings.of(TokenizerConfig.class, "data-dir", tmp.toString()),
                new DatasetPublisher(ready, events)) {
            @Override
            CodeTokenizer loadTokenizer() {
                throw new IllegalStateException(BROKEN);
            }
        };
    }

    private static ChunkingStats end(long emitted) {
        return new ChunkingStats("job", "repo", emitted, emitted, emitted, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), 0, 0, 0, 1);
    }

    @Test
    void aBrokenTokenizerFailsTheJobInsteadOfCallingItEmpty() {
        DatasetJobService service = serviceWithABrokenTokenizer();
        Instant t0 = Instant.parse("2024-05-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            service.handle(DatasetBuilderTest.chunk(i, String.format("%040x", i + 1), t0.plusSeconds(i),
                    "pub fn f() {}\n", null, false));
        }
        service.handle(end(3));

        assertEquals(List.of(JobEventType.ACCEPTED, JobEventType.FAILED),
                events.sent.stream().map(JobEvent::type).toList(), "one failure, however many chunks follow");
        JobEvent failed = events.sent.get(1);
        assertTrue(failed.message().contains(BROKEN), failed.message());
        assertTrue(ready.sent.isEmpty(), "no dataset-ready record, least of all an empty one: " + ready.sent);
    }

    @Test
    void aBrokenTokenizerFailsEvenAJobWithNoChunks() {
        serviceWithABrokenTokenizer().handle(end(0));

        assertEquals(List.of(JobEventType.FAILED), events.sent.stream().map(JobEvent::type).toList());
        assertTrue(events.sent.get(0).message().contains(BROKEN), events.sent.get(0).message());
        assertTrue(ready.sent.isEmpty(), ready.sent.toString());
    }

    /** An emitter that keeps what it is given, as Kafka would receive it. */
    private static final class Recording<T> implements Emitter<T> {

        final List<T> sent = new ArrayList<>();

        @Override
        public CompletionStage<Void> send(T payload) {
            sent.add(payload);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <M extends Message<? extends T>> void send(M message) {
            sent.add((T) message.getPayload());
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
