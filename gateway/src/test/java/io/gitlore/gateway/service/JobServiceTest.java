package io.gitlore.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.messaging.JobPublisher;
import io.gitlore.gateway.store.JobStore;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Mappings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job submission and the broker's answer: the job is recorded only when the broker acknowledged its scrape
 * request; a refusal or no answer within the publish timeout leaves no job behind and says 503 with the reason.
 */
class JobServiceTest {

    @TempDir
    Path tmp;

    private Path repository;
    private JobStore store;
    private GatewayConfig config;
    private final List<ScrapeRequest> sent = new ArrayList<>();
    private final List<JobControl> controls = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        repository = Files.createDirectories(tmp.resolve("repos")).resolve("work");
        try (FixtureRepo repo = FixtureRepo.init(repository)) {
            repo.write("a.txt", "a").commit("first");
        }
        store = new JobStore(tmp.resolve("store"));
        config = Mappings.of(GatewayConfig.class, "api-key", "k", "allowed-roots", tmp.resolve("repos").toString(),
                "publish-timeout", "1s");
    }

    /** The service over a second store on the same directory: a restarted gateway. */
    private JobService reopened() {
        JobStore again = new JobStore(tmp.resolve("store"));
        return new JobService(config, again, null, new SimpleMeterRegistry(), new JobRecorder(again, config,
                List.of(), new SimpleMeterRegistry()));
    }

    /** A broker stand-in: each message sent gets what {@code answer} does to it. */
    private JobService service(Consumer<Message<?>> answer) {
        return new JobService(config, store, new JobPublisher(new Broker<>(sent, answer), new Broker<>(controls,
                answer)), new SimpleMeterRegistry(), new JobRecorder(store, config, List.of(),
                new SimpleMeterRegistry()));
    }

    /** An emitter that records each payload and answers each message as the broker would (or would not). */
    private static final class Broker<T> implements Emitter<T> {
        private final List<T> payloads;
        private final Consumer<Message<?>> answer;

        Broker(List<T> payloads, Consumer<Message<?>> answer) {
            this.payloads = payloads;
            this.answer = answer;
        }

        @Override
        public CompletionStage<Void> send(T payload) {
            throw new UnsupportedOperationException("the gateway sends messages, to wait for their ack");
        }

        @Override
        public <M extends Message<? extends T>> void send(M message) {
            payloads.add(message.getPayload());
            answer.accept(message);
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

    @Test
    void anAcknowledgedRequestIsAQueuedJob() throws Exception {
        JobView job = service(Message::ack).submit(repository.toString(), List.of("refs/heads/main"));
        assertEquals(JobStatus.QUEUED, job.status());
        assertEquals(repository.toRealPath().toString(), job.repository());
        assertEquals(List.of(job.jobId()), sent.stream().map(ScrapeRequest::jobId).toList());
        assertEquals(List.of("refs/heads/main"), sent.get(0).refs());
        assertEquals(job, reopened().get(job.jobId()));
    }

    @Test
    void aRefusedRequestLeavesNoJobAndIs503WithTheReason() {
        StageUnavailableException e = assertThrows(StageUnavailableException.class,
                () -> service(m -> m.nack(new IllegalStateException("broker down"))).submit(repository.toString(),
                        null));
        assertTrue(e.getMessage().contains("Kafka did not acknowledge") && e.getMessage().contains("broker down"),
                e.getMessage());
        assertEquals(1, sent.size());
        assertEquals(0, store.size());
        assertEquals(0, new JobStore(tmp.resolve("store")).size());
    }

    @Test
    void anUnansweredRequestTimesOutAs503() {
        CompletableFuture<Void> never = new CompletableFuture<>();
        long start = System.nanoTime();
        StageUnavailableException e = assertThrows(StageUnavailableException.class,
                () -> service(m -> never.thenRun(() -> m.ack())).submit(repository.toString(), null));
        assertTrue(e.getMessage().contains("within 1 s"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertEquals(0, store.size());
    }

    @Test
    void aRefusedPathIsNeverPublished() {
        assertThrows(RejectedRequestException.class, () -> service(Message::ack).submit(tmp.toString(), null));
        assertTrue(sent.isEmpty());
    }

    @Test
    void aCancelIsPublishedThenTheJobIsCancelledOnceAndAnEndedJobIsAConflict() {
        JobService jobs = service(Message::ack);
        JobView job = jobs.submit(repository.toString(), null);
        store.add(JobEvent.of(job.jobId(), "scrape", JobEventType.ACCEPTED, 0, -1, "scraping", null));
        JobView cancelled = jobs.cancel(job.jobId(), "  wrong repository ");
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertEquals("[gateway] cancelled: wrong repository", cancelled.error());
        assertEquals(1, controls.size());
        assertEquals(JobControl.Action.CANCEL, controls.get(0).action());
        assertEquals(job.jobId(), controls.get(0).jobId());
        assertEquals("wrong repository", controls.get(0).reason());
        ConflictException again = assertThrows(ConflictException.class, () -> jobs.cancel(job.jobId(), null));
        assertTrue(again.getMessage().contains("already ended: CANCELLED"), again.getMessage());
        assertEquals(1, controls.size());
        // A stage that stops later says so; the job stays cancelled, and so it is after a restart.
        store.add(JobEvent.of(job.jobId(), "scrape", JobEventType.FAILED, 0, -1, "stopped", null));
        assertEquals(JobStatus.CANCELLED, reopened().get(job.jobId()).status());
        assertThrows(NoSuchJobException.class, () -> jobs.cancel("no-such-job", null));
    }

    @Test
    void aCancelTheBrokerDoesNotTakeIs503AndTheJobRunsOn() {
        JobView job = service(Message::ack).submit(repository.toString(), null);
        StageUnavailableException e = assertThrows(StageUnavailableException.class,
                () -> service(m -> m.nack(new IllegalStateException("broker down"))).cancel(job.jobId(), null));
        assertTrue(e.getMessage().contains("cancel request") && e.getMessage().contains("broker down"),
                e.getMessage());
        assertEquals(JobStatus.QUEUED, service(Message::ack).get(job.jobId()).status());
    }
}
