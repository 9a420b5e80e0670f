package io.gitlore.chunker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.gitlore.chunker.config.ChunkerConfig;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.Cancellations;
import io.gitlore.contracts.job.JobControl;
import io.gitlore.contracts.blob.BlobStore;
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.PreScan;
import io.gitlore.contracts.serde.ChunkStreamDeserializer;
import io.gitlore.contracts.serde.JobEventDeserializer;
import io.gitlore.contracts.serde.Json;
import io.gitlore.scraper.git.HistoryScraper;
import io.gitlore.scraper.git.ScrapeOptions;
import io.gitlore.scraper.git.SeenCommits;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.Fixtures;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.Mappings;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The chunker-service against a real Kafka broker: a scraped commit stream in, chunks and stats out. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ChunkerKafkaTest extends ServiceKafkaTestBase {

    @Inject
    ChunkerConfig config;

    /** Scrapes a fixture with the scraper's own logic and publishes its stream as the scraper-service would. */
    private String publishScrape(FixtureRepo repo) throws Exception {
        return publishScrape(repo, UUID.randomUUID().toString());
    }

    private String publishScrape(FixtureRepo repo, String job) throws Exception {
        // Keyed by repository id, in order, as the scraper-service sends them.
        topics().produce(Topics.COMMITS, "repo-" + job, scrape(repo, job));
        return job;
    }

    /** A fixture's commit stream as the scraper-service publishes it: pre-scan, commits, summary. */
    private static List<byte[]> scrape(FixtureRepo repo, String job) throws Exception {
        List<byte[]> stream = new ArrayList<>();
        HistoryScraper.Result result = new HistoryScraper(Mappings.defaults(ScrapeOptions.class),
                new BlobStore(Path.of("target/test-data"))).scrape(repo.repository(),
                new HistoryScraper.Request(job, "repo-" + job, repo.dir().toString(), List.of(), null),
                SeenCommits.none(), new HistoryScraper.Listener() {
                    @Override
                    public void preScan(PreScan preScan) {
                        stream.add(Json.write(preScan));
                    }

                    @Override
                    public void commit(CommitRecord commit) {
                        stream.add(Json.write(commit));
                    }
                });
        stream.add(Json.write(result.summary()));
        return stream;
    }

    private List<JobEvent> chunkEvents(String job, Predicate<JobEvent> until) {
        return topics().read(Topics.JOB_EVENTS, new JobEventDeserializer(),
                        records -> records.stream().anyMatch(r -> r.value().jobId().equals(job)
                                && "chunk".equals(r.value().stage()) && until.test(r.value())), WAIT)
                .stream().map(ConsumerRecord::value)
                .filter(e -> e.jobId().equals(job) && "chunk".equals(e.stage())).toList();
    }

    private List<ChunkStreamItem> chunksUntilEnd(String job) {
        return topics().read(Topics.CHUNKS, new ChunkStreamDeserializer(),
                        records -> records.stream().anyMatch(r -> r.value().jobId().equals(job)
                                && r.value() instanceof ChunkingStats), WAIT)
                .stream().map(ConsumerRecord::value).filter(i -> i.jobId().equals(job)).toList();
    }

    /** Sends a real cancel and waits until this service's control consumer has recorded it. */
    private void cancel(String job) {
        topics().produce(Topics.JOB_CONTROL, job, Json.write(JobControl.cancel(job, "asked by a test")));
        Awaitility.await().atMost(WAIT).until(() -> Cancellations.isCancelled(config.dataDir(), job));
    }

    /**
     * Four commits go in and are taken, then a real cancel, then the rest of the stream: the job ends at the fifth
     * commit with the first four chunked, an end marker counting exactly what was sent, one cancelled event, and
     * the rest of its stream dropped (a job after it still completes).
     */
    @Test
    void aJobCancelledMidStreamStopsAtACommitAndDropsTheRest() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(Path.of("target/fixtures/cancel-" + UUID.randomUUID()));
             FixtureRepo after = FixtureRepo.init(Path.of("target/fixtures/after-" + UUID.randomUUID()))) {
            String job = UUID.randomUUID().toString();
            List<byte[]> stream = scrape(repo, job);
            topics().produce(Topics.COMMITS, "repo-" + job, stream.subList(0, 5));
            chunkEvents(job, e -> e.type() == JobEventType.PROGRESS && e.done() == 4);
            cancel(job);
            topics().produce(Topics.COMMITS, "repo-" + job, stream.subList(5, stream.size()));

            List<ChunkStreamItem> items = chunksUntilEnd(job);
            ChunkingStats end = assertInstanceOf(ChunkingStats.class, items.get(items.size() - 1));
            assertEquals("asked by a test", end.cancelled());
            assertEquals(4, end.commits());
            assertEquals(items.size() - 1, end.emitted(), "the end marker counts every chunk before it");
            assertTrue(end.emitted() > 0);
            assertTrue(items.subList(0, items.size() - 1).stream()
                    .allMatch(i -> ((ChunkRecord) i).commitIndex() < 4), "nothing of the commits after the cancel");

            after.write("src/lib.rs", "pub fn one() -> u32 {\n    1\n}\n").commit("Add one");
            String next = publishScrape(after);
            awaitCompleted(next, 1);
            List<JobEvent> events = chunkEvents(job, e -> e.type() == JobEventType.CANCELLED);
            List<JobEvent> ends = events.stream().filter(e -> e.type() != JobEventType.PROGRESS
                    && e.type() != JobEventType.ACCEPTED).toList();
            assertEquals(List.of(JobEventType.CANCELLED), ends.stream().map(JobEvent::type).toList(),
                    "one cancelled event, no completion for the dropped rest: " + ends);
            assertEquals(4, ends.get(0).done());
            assertEquals(Fixtures.RICH_COMMITS, ends.get(0).total());
            assertTrue(ends.get(0).message().contains("asked by a test"), ends.get(0).message());
            assertEquals(1, chunksUntilEnd(job).stream().filter(ChunkingStats.class::isInstance).count());
        }
    }

    /** A stream that arrives after its job's cancel is not chunked: it ends at once with an empty end marker. */
    @Test
    void aStreamArrivingAfterItsCancelEndsAtOnceWithNothingSent() throws Exception {
        try (FixtureRepo repo = FixtureRepo.init(Path.of("target/fixtures/late-" + UUID.randomUUID()))) {
            repo.write("src/lib.rs", "pub fn one() -> u32 {\n    1\n}\n").commit("Add one");
            String job = UUID.randomUUID().toString();
            cancel(job);
            publishScrape(repo, job);

            List<ChunkStreamItem> items = chunksUntilEnd(job);
            assertEquals(1, items.size(), items.toString());
            ChunkingStats end = assertInstanceOf(ChunkingStats.class, items.get(0));
            assertEquals(0, end.emitted());
            assertTrue(end.wasCancelled());
            JobEvent cancelled = chunkEvents(job, e -> e.type() == JobEventType.CANCELLED).get(0);
            assertEquals(JobEventType.CANCELLED, cancelled.type(), "nothing accepted before it");
            assertEquals(0, cancelled.done());
            assertEquals(1, cancelled.total());
        }
    }

    @Test
    void aMalformedControlRecordIsDeadLettered() {
        ConsumerRecord<String, byte[]> dead = assertDeadLettered(Topics.JOB_CONTROL, "chunker", "{\"jobId\":");
        assertTrue(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                .contains("malformed job control request"));
    }

    @Test
    void commitsInChunksOutWithExactCountAndStats() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(Path.of("target/fixtures/rich-" + UUID.randomUUID()))) {
            String job = publishScrape(repo);
            List<ChunkStreamItem> items = topics().read(Topics.CHUNKS, new ChunkStreamDeserializer(),
                            records -> records.stream().anyMatch(r -> r.value().jobId().equals(job)
                                    && r.value() instanceof ChunkingStats), WAIT)
                    .stream().map(ConsumerRecord::value).filter(i -> i.jobId().equals(job)).toList();
            ChunkingStats stats = assertInstanceOf(ChunkingStats.class, items.get(items.size() - 1));
            assertEquals(items.size() - 1, stats.emitted(), "the end marker counts every chunk before it");
            assertEquals(Fixtures.RICH_COMMITS, stats.commits());
            assertTrue(stats.byKind().get("METHOD") >= 1, stats.byKind().toString());
            assertEquals(1L, stats.skipped().get("binary"));
            List<ChunkRecord> chunks = items.subList(0, items.size() - 1).stream().map(ChunkRecord.class::cast)
                    .toList();
            for (int i = 1; i < chunks.size(); i++) {
                assertTrue(chunks.get(i).commitIndex() >= chunks.get(i - 1).commitIndex(), "history order");
            }
            assertEquals(chunks.size(), chunks.stream().map(ChunkRecord::chunkId).collect(Collectors.toSet()).size());

            List<JobEvent> events = topics().read(Topics.JOB_EVENTS, new JobEventDeserializer(),
                            records -> records.stream().anyMatch(r -> r.value().jobId().equals(job)
                                    && "chunk".equals(r.value().stage())
                                    && r.value().type() == JobEventType.COMPLETED), WAIT)
                    .stream().map(ConsumerRecord::value)
                    .filter(e -> e.jobId().equals(job) && "chunk".equals(e.stage())).toList();
            assertEquals(JobEventType.ACCEPTED, events.get(0).type());
            assertTrue(events.stream().anyMatch(e -> e.type() == JobEventType.PROGRESS && e.done() == 2));
            JobEvent completed = events.get(events.size() - 1);
            assertTrue(completed.message().startsWith("chunked 9 commits into " + stats.emitted()),
                    completed.message());
            assertEquals(stats.emitted(), ((Number) completed.details().get("emitted")).longValue());
        }
    }

    /**
     * A job's commit stream read again from its pre-scan, as after a chunker killed before its job was committed:
     * the job is chunked again from scratch, and its ledger keeps every chunk and the end marker from going out twice.
     */
    @Test
    void aJobReadAgainPublishesNothingTwice() throws Exception {
        try (FixtureRepo repo = Fixtures.richHistory(Path.of("target/fixtures/again-" + UUID.randomUUID()));
             FixtureRepo after = FixtureRepo.init(Path.of("target/fixtures/after-" + UUID.randomUUID()))) {
            String job = publishScrape(repo);
            awaitCompleted(job, 1);
            publishScrape(repo, job);
            awaitCompleted(job, 2);
            // A job after the replay: once its end is on the topic, so is anything the replay sent.
            after.write("src/lib.rs", "pub fn one() -> u32 {\n    1\n}\n").commit("Add one");
            String next = publishScrape(after);
            List<ChunkStreamItem> items = topics().read(Topics.CHUNKS, new ChunkStreamDeserializer(),
                            records -> records.stream().anyMatch(r -> r.value().jobId().equals(next)
                                    && r.value() instanceof ChunkingStats), WAIT)
                    .stream().map(ConsumerRecord::value).filter(i -> i.jobId().equals(job)).toList();
            List<String> ids = items.stream().map(ChunkStreamItem::messageId).toList();
            assertEquals(ids.size(), Set.copyOf(ids).size(), "no message twice: " + ids);
            ChunkingStats stats = assertInstanceOf(ChunkingStats.class, items.get(items.size() - 1));
            assertEquals(items.size() - 1, stats.emitted());
        }
    }

    private void awaitCompleted(String job, int times) {
        topics().read(Topics.JOB_EVENTS, new JobEventDeserializer(),
                records -> records.stream().filter(r -> r.value().jobId().equals(job)
                        && "chunk".equals(r.value().stage())
                        && r.value().type() == JobEventType.COMPLETED).count() >= times, WAIT);
    }

    @Test
    void aCorruptCommitMessageIsDeadLetteredAndChunkingGoesOn() throws Exception {
        assertDeadLettered(Topics.COMMITS, "chunker", "\u0000not json");

        try (FixtureRepo repo = FixtureRepo.init(Path.of("target/fixtures/small-" + UUID.randomUUID()))) {
            repo.write("src/lib.rs", "pub fn one() -> u32 {\n    1\n}\n").commit("Add one");
            String job = publishScrape(repo);
            ChunkingStats stats = (ChunkingStats) topics().read(Topics.CHUNKS, new ChunkStreamDeserializer(),
                            records -> records.stream().anyMatch(r -> r.value().jobId().equals(job)
                                    && r.value() instanceof ChunkingStats), WAIT)
                    .stream().map(ConsumerRecord::value)
                    .filter(i -> i.jobId().equals(job) && i instanceof ChunkingStats).findFirst().orElseThrow();
            assertEquals(1, stats.emitted());
            assertEquals(Map.of("FUNCTION", 1L), stats.byKind());
            assertEquals(Set.of(), stats.redacted().keySet());
        }
    }
}
