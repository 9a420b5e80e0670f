package io.gitlore.scraper.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.gitlore.contracts.Channels;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.contracts.scrape.SnapshotBatch;
import io.gitlore.contracts.serde.CommitStreamDeserializer;
import io.gitlore.contracts.serde.JobEventDeserializer;
import io.gitlore.contracts.serde.Json;
import io.gitlore.scraper.config.ScraperConfig;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.scraper.service.ScrapeJobService;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Fixtures;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.api.Test;

/** The scraper-service against a real Kafka broker: requests in, commit streams and job events out. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ScraperKafkaTest extends ServiceKafkaTestBase {

    @Inject
    ScraperConfig config;

    @Inject
    @Channel(Channels.COMMITS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<CommitStreamItem> commitsOut;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    private static Path fixture(String name) throws Exception {
        Path dir = Path.of("target/fixtures").resolve(name + "-" + UUID.randomUUID());
        Files.createDirectories(dir.getParent());
        return dir;
    }

    private void request(String jobId, String repository) {
        topics().produce(Topics.SCRAPE_REQUESTED, jobId,
                Json.write(new ScrapeRequest(jobId, repository, List.of(), null, Instant.now())));
    }

    private static boolean terminal(JobEvent e) {
        return e.type() == JobEventType.COMPLETED || e.type() == JobEventType.FAILED
                || e.type() == JobEventType.CANCELLED;
    }

    private List<JobEvent> eventsUntilTerminal(String jobId) {
        return topics().read(Topics.JOB_EVENTS, new JobEventDeserializer(),
                        records -> records.stream().anyMatch(r -> r.value().jobId().equals(jobId) && terminal(r.value())),
                        WAIT).stream().map(ConsumerRecord::value).filter(e -> e.jobId().equals(jobId)).toList();
    }

    private JobEvent awaitTerminal(String jobId) {
        List<JobEvent> events = eventsUntilTerminal(jobId);
        return events.get(events.size() - 1);
    }

    private List<ConsumerRecord<String, CommitStreamItem>> streamOf(String jobId) {
        return topics().read(Topics.COMMITS, new CommitStreamDeserializer(),
                        records -> records.stream().anyMatch(r -> r.value().jobId().equals(jobId)
                                && r.value() instanceof RepositorySummary), WAIT)
                .stream().filter(r -> r.value().jobId().equals(jobId)).toList();
    }

    @Test
    void scrapesARepositoryIntoOrderedCommitRecordsThenIncrementally() throws Exception {
        Path dir = fixture("rich");
        try (FixtureRepo repo = Fixtures.richHistory(dir)) {
            String job = UUID.randomUUID().toString();
            request(job, dir.toString());
            JobEvent done = awaitTerminal(job);
            assertEquals(JobEventType.COMPLETED, done.type(), done.message());
            assertEquals(Fixtures.RICH_COMMITS, done.done());

            List<ConsumerRecord<String, CommitStreamItem>> records = streamOf(job);
            List<CommitStreamItem> stream = records.stream().map(ConsumerRecord::value).toList();
            assertEquals(Fixtures.RICH_COMMITS + 3, stream.size(), "pre-scan, commits, one snapshot batch, end");
            assertInstanceOf(PreScan.class, stream.get(0));
            RepositorySummary end = assertInstanceOf(RepositorySummary.class, stream.get(stream.size() - 1));
            assertEquals(Fixtures.RICH_COMMITS, end.emitted());
            assertInstanceOf(SnapshotBatch.class, stream.get(stream.size() - 2));
            List<CommitRecord> commits = stream.subList(1, stream.size() - 2).stream()
                    .map(CommitRecord.class::cast).toList();
            for (int i = 0; i < commits.size(); i++) {
                assertEquals(i, commits.get(i).index(), "history order on one partition");
            }
            Set<String> keys = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
            assertEquals(Set.of(end.repositoryId()), keys, "key = repository id");

            List<JobEvent> events = eventsUntilTerminal(job);
            assertEquals(JobEventType.ACCEPTED, events.get(0).type());
            assertTrue(events.stream().anyMatch(e -> e.type() == JobEventType.PROGRESS && e.done() == 3
                    && e.total() == Fixtures.RICH_COMMITS), "progress with done/total");

            repo.write("src/more.rs", "pub fn more() {}\n").commit("One more commit");
            String second = UUID.randomUUID().toString();
            request(second, dir.toString());
            JobEvent again = awaitTerminal(second);
            assertEquals(JobEventType.COMPLETED, again.type(), again.message());
            assertEquals(1, again.done());
            assertTrue(again.message().contains("skipped " + Fixtures.RICH_COMMITS + " already scraped"),
                    again.message());
        }
    }

    @Test
    void badRepositoriesFailTheJobWithAReason() throws Exception {
        Path plain = fixture("plain");
        Files.createDirectories(plain);
        String job = UUID.randomUUID().toString();
        request(job, plain.toString());
        JobEvent failed = awaitTerminal(job);
        assertEquals(JobEventType.FAILED, failed.type());
        assertTrue(failed.message().contains("is not a git repository"), failed.message());

        String outside = UUID.randomUUID().toString();
        request(outside, "/etc");
        JobEvent refused = awaitTerminal(outside);
        assertEquals(JobEventType.FAILED, refused.type());
        assertTrue(refused.message().contains("outside the allowed roots"), refused.message());
    }

    @Test
    void emptyRepositoryCompletesWithNothingToDo() throws Exception {
        Path dir = fixture("empty");
        try (FixtureRepo ignored = FixtureRepo.init(dir)) {
            String job = UUID.randomUUID().toString();
            request(job, dir.toString());
            JobEvent done = awaitTerminal(job);
            assertEquals(JobEventType.COMPLETED, done.type());
            assertEquals(0, done.done());
            assertTrue(done.message().contains("no commits"), done.message());
        }
    }

    /** Sends a real cancel and waits until this service's control consumer has recorded it. */
    private void cancel(String jobId) {
        topics().produce(Topics.JOB_CONTROL, jobId, Json.write(JobControl.cancel(jobId, "asked by a test")));
        Awaitility.await().atMost(WAIT).until(() -> Cancellations.isCancelled(config.dataDir(), jobId));
    }

    /**
     * The job runs through a service of its own whose event emitter pauses at the progress event of the third
     * commit until the real control consumer has recorded a real cancel: the walk must stop before the fourth.
     */
    @Test
    void aJobCancelledMidWalkStopsAtACommitAndEndsItsStreamWithTheExactCount() throws Exception {
        Path dir = fixture("cancelled");
        try (FixtureRepo ignored = Fixtures.richHistory(dir)) {
            String job = UUID.randomUUID().toString();
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            Emitter<JobEvent> pausing = new PausingEmitter(event -> {
                events.add(event);
                if (event.type() == JobEventType.PROGRESS && event.done() == 3) {
                    cancel(job);
                }
            });
            new ScrapeJobService(config, new CommitPublisher(commitsOut, pausing, kafkaConfig, config))
                    .run(new ScrapeRequest(job, dir.toString(), List.of(), null, Instant.now()));

            JobEvent last = events.get(events.size() - 1);
            assertEquals(JobEventType.CANCELLED, last.type(), events.toString());
            assertEquals(3, last.done());
            assertEquals(Fixtures.RICH_COMMITS, last.total());
            assertTrue(last.message().contains("asked by a test"), last.message());
            List<CommitStreamItem> stream = streamOf(job).stream().map(ConsumerRecord::value).toList();
            assertEquals(5, stream.size(), "pre-scan, three commits, end (no snapshot): " + stream);
            RepositorySummary end = assertInstanceOf(RepositorySummary.class, stream.get(4));
            assertEquals(3, end.emitted());
            assertEquals("asked by a test", end.cancelled());
            assertEquals(0, SeenCommits.load(config.dataDir(), end.repositoryId()).size(),
                    "a cancelled job records nothing as seen: the stages after it dropped part of its commits");
        }
    }

    @Test
    void aRequestArrivingAfterItsCancelIsDroppedAndTheNextJobRuns() throws Exception {
        Path dir = fixture("dropped");
        try (FixtureRepo repo = FixtureRepo.init(dir)) {
            repo.write("a.txt", "a\n").commit("A");
            String job = UUID.randomUUID().toString();
            cancel(job);
            request(job, dir.toString());
            List<JobEvent> events = eventsUntilTerminal(job);
            assertEquals(List.of(JobEventType.CANCELLED), events.stream().map(JobEvent::type).toList());
            assertEquals(0, events.get(0).done());

            String next = UUID.randomUUID().toString();
            request(next, dir.toString());
            assertEquals(JobEventType.COMPLETED, awaitTerminal(next).type());
            assertTrue(streamOf(next).size() > 0);
            assertTrue(topics().read(Topics.COMMITS, new CommitStreamDeserializer(), records -> records.stream()
                            .anyMatch(r -> r.value().jobId().equals(next) && r.value() instanceof RepositorySummary),
                    WAIT).stream().noneMatch(r -> r.value().jobId().equals(job)), "nothing sent for the dropped job");
        }
    }

    @Test
    void aMalformedControlRecordIsDeadLettered() {
        ConsumerRecord<String, byte[]> dead = assertDeadLettered(Topics.JOB_CONTROL, "scraper",
                "{\"jobId\":\"../etc\",\"action\":\"CANCEL\"}");
        assertTrue(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                .contains("not a usable job id"));
    }

    @Test
    void aCorruptRequestIsDeadLetteredAndTheNextJobRuns() throws Exception {
        ConsumerRecord<String, byte[]> dead = assertDeadLettered(Topics.SCRAPE_REQUESTED, "scraper", "{not json");
        assertTrue(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                .contains("malformed scrape request"));

        Path dir = fixture("after-poison");
        try (FixtureRepo repo = FixtureRepo.init(dir)) {
            repo.write("a.txt", "a\n").commit("A");
            String job = UUID.randomUUID().toString();
            request(job, dir.toString());
            assertEquals(JobEventType.COMPLETED, awaitTerminal(job).type());
        }
    }

    /** An event emitter that hands each event to the test, on the scraping thread, and sends nothing. */
    private record PausingEmitter(Consumer<JobEvent> onEvent) implements Emitter<JobEvent> {
        @Override
        public CompletionStage<Void> send(JobEvent payload) {
            onEvent.accept(payload);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends JobEvent>> void send(M message) {
            onEvent.accept(message.getPayload());
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
