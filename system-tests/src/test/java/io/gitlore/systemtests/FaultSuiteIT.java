package io.gitlore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.local.stack.Services;
import io.gitlore.systemtests.Pipeline.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Lose nothing when a process dies: the real broker, the gateway and the five stages as child JVMs from their built
 * jars, one clean job through the gateway on a fixture history, then the same history again with each stage killed
 * (SIGKILL) at a random point of its work and restarted, with the broker killed and restarted, with the gateway killed
 * under a job submitted through it, and with poison on every input topic of every consumer. Each job must complete,
 * and its outputs must equal the clean job's: the commit records, the chunks and their ids, byte-identical dataset
 * shards, the same vector points, and a training run of the same length (resumed from its checkpoint when the
 * trainer was the one killed); a job submitted through the gateway must also look there as the clean one does, its
 * event stream replaying every event once. The seed of the kill points is printed; {@code -Dgitlore.fault.seed=N}
 * replays it.
 */
@Tag("fault")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final int COMMITS = 200;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    /** The suite's own Kafka clients log through java.util.logging: their INFO lines would drown the suite's. */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    private Path work;
    private Pipeline pipeline;
    private RunOutputs clean;
    private GatewayView cleanView;
    private long cleanEvents;
    private SplittableRandom random;
    private int copies;
    private long suiteStarted;

    @BeforeAll
    void startTheStackAndRunACleanJob() {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
        suiteStarted = System.nanoTime();
        long seed = Long.getLong("gitlore.fault.seed", new SecureRandom().nextLong());
        System.out.println("[fault] seed " + seed + " (replay with -Dgitlore.fault.seed=" + seed + ")");
        random = new SplittableRandom(seed);
        assertEquals(List.of(), Services.missingJars(TestStack.project()),
                "the services must be packaged first (mvn package)");
        work = TestStack.freshWork(Path.of(System.getProperty("gitlore.fault.dir", "target/fault-suite"))
                .toAbsolutePath());
        long started = System.nanoTime();
        pipeline = Pipeline.start(work, line -> System.out.println("[stack] " + line));
        System.out.printf("[fault] stack ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        JobRun run = run("clean", null, Route.GATEWAY_API);
        clean = RunOutputs.of(run, pipeline);
        cleanView = GatewayView.of(run, pipeline);
        cleanEvents = run.eventsOut();
        System.out.printf("[fault] clean run: %d commits, %d chunks, %d points, %d shards, %d training steps%n",
                clean.commits().size(), clean.chunkIds().size(), clean.points().size(), clean.shards().size(),
                clean.report().run().stepsDone());
        System.out.println("[fault] clean run, as the gateway shows it: " + cleanView.stages() + "; " + cleanEvents
                + " job events");
        assertFalse(clean.points().isEmpty(), "the clean run indexed points");
    }

    @AfterAll
    void stopTheStack() {
        if (pipeline != null) {
            pipeline.close();
        }
        System.out.printf("[fault] the suite took %.1f s%n", (System.nanoTime() - suiteStarted) / 1e9);
    }

    @Test
    @Order(1)
    void scraperKilledMidJob() {
        JobRun run = killed(Fault.at(random, "scraper", "scrape", "commit records", clean.commits().size(),
                JobRun::commitsOut), Route.SCRAPE_TOPIC);
        assertRanAgain(run, "scrape");
    }

    @Test
    @Order(2)
    void chunkerKilledMidJob() {
        // The chunker keeps pace with the scraper and ends a moment after it (0.1 s on a quiet machine), so its
        // kill point is drawn from the scraper's output: while commits are still coming, the chunker is mid-job.
        JobRun run = killed(Fault.at(random, "chunker", "chunk", "commit records", clean.commits().size(),
                JobRun::commitsOut), Route.SCRAPE_TOPIC);
        assertRanAgain(run, "chunk");
    }

    @Test
    @Order(3)
    void tokenizerKilledMidJob() {
        // The dataset is built seconds after the chunk stream ends: drawn from the scraper's output, the kill lands
        // while chunks are still coming.
        JobRun run = killed(Fault.at(random, "tokenizer", "dataset", "commit records", clean.commits().size(),
                JobRun::commitsOut), Route.SCRAPE_TOPIC);
        assertRanAgain(run, "dataset");
    }

    @Test
    @Order(4)
    void embedderKilledMidJob() {
        JobRun run = killed(Fault.at(random, "embedder", "embed", "chunks", clean.chunkIds().size(),
                JobRun::chunksOut), Route.SCRAPE_TOPIC);
        assertRanAgain(run, "embed");
    }

    @Test
    @Order(5)
    void trainerKilledMidRunResumesFromItsCheckpoint() {
        JobRun run = killed(Fault.atStep(random, "trainer", "training", Pipeline.CHECKPOINT_EVERY + 1,
                Pipeline.TRAINING_STEPS - 2, JobRun::trainingStep), Route.SCRAPE_TOPIC);
        long resumed = run.report().run().resumedFromStep();
        System.out.println("[fault] the training report says: resumed from step " + resumed);
        assertTrue(resumed >= Pipeline.CHECKPOINT_EVERY, "the run resumed from a checkpoint: " + resumed);
    }

    @Test
    @Order(6)
    void brokerKilledMidJob() {
        // Drawn from the scraper's output like the chunker's kill: the chunk stage ends a moment after the scrape.
        killed(Fault.at(random, Services.KAFKA, "chunk", "commit records", clean.commits().size(),
                JobRun::commitsOut), Route.SCRAPE_TOPIC);
    }

    @Test
    @Order(7)
    void gatewayKilledMidJobLosesNoEvent() {
        // The gateway's work is the job's events: it is killed once a random share of the clean job's are out.
        JobRun run = killed(Fault.at(random, Services.GATEWAY, null, "job events", cleanEvents, JobRun::eventsOut),
                Route.GATEWAY_API);
        GatewayView.of(run, pipeline).assertSameAs(cleanView, "kill -9 gateway");
    }

    @Test
    @Order(8)
    void poisonOnEveryInputTopicIsDeadLetteredAndTheJobCompletes() {
        Map<String, List<String>> consumers = Map.of(Topics.SCRAPE_REQUESTED, List.of("scraper"),
                Topics.COMMITS, List.of("chunker", Services.GATEWAY), Topics.CHUNKS, List.of("tokenizer", "embedder"),
                Topics.DATASETS_READY, List.of("trainer", Services.GATEWAY), Topics.JOB_CONTROL, Services.STAGES,
                Topics.JOB_EVENTS, List.of(Services.GATEWAY), Topics.TRAINING_REPORTS, List.of(Services.GATEWAY));
        JobRun run = pipeline.submit(Route.GATEWAY_API, repository());
        String poison = "{\"type\":\"chunk\", not json " + run.jobId;
        boolean sent = false;
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (!sent && System.nanoTime() < deadline) {
            pipeline.poll();
            if (run.chunksOut() > 0) { // mid-job: the scraper, chunker and readers of chunks are all busy with it
                consumers.keySet().forEach(topic -> pipeline.send(topic, "poison",
                        poison.getBytes(StandardCharsets.UTF_8)));
                sent = true;
            }
        }
        pipeline.await(run, null, JOB_TIMEOUT);
        RunOutputs.of(run, pipeline).assertSameAs(clean, "poison");
        GatewayView.of(run, pipeline).assertSameAs(cleanView, "poison"); // the gateway followed the job past it
        consumers.forEach((topic, readers) -> readers.forEach(reader -> {
            String dlq = Topics.deadLetter(topic, reader);
            try (TopicTail<String> tail = new TopicTail<>(pipeline.stack.settings().bootstrap(), dlq, String.class)) {
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (tail.entries().stream().noneMatch(e -> poison.equals(text(e.record().value())))) {
                    assertTrue(System.nanoTime() < until, "the poison on " + topic + " is on " + dlq);
                    tail.poll(Duration.ofMillis(200));
                }
                System.out.println("[fault] poison on " + topic + " dead-lettered to " + dlq);
            }
        }));
    }

    /** Runs the fixture through a stack that suffers {@code fault}, and compares the outputs with the clean run's. */
    private JobRun killed(Fault fault, Route route) {
        JobRun run = run(fault.part(), fault, route);
        assertFalse(fault.stageCompletedBeforeKill(), "the kill came after the stage had completed: " + fault);
        RunOutputs.of(run, pipeline).assertSameAs(clean, fault.toString());
        return run;
    }

    private JobRun run(String name, Fault fault, Route route) {
        for (String part : Pipeline.PARTS) {
            if (!pipeline.stack.process(part).isAlive()) {
                pipeline.stack.start(part); // an earlier scenario's failure must not take this one down
            }
        }
        JobRun run = pipeline.submit(route, repository());
        System.out.println("[fault] " + name + ": job " + run.jobId + " on " + run.repository + " via " + route
                + (fault == null ? "" : "; " + fault));
        pipeline.await(run, fault, JOB_TIMEOUT);
        System.out.println("[fault] " + name + ": completed; stage ends after " + run.timeline());
        return run;
    }

    /** The restarted stage took the job up again: it accepted the job a second time. */
    private static void assertRanAgain(JobRun run, String stage) {
        int accepted = run.events(stage, JobEventType.ACCEPTED).size();
        assertTrue(accepted >= 2, stage + " accepted the job " + accepted + " time(s): the kill was not mid-job");
    }

    /** A copy of the fixture history under a new path: a new repository id, so its own index and scrape state. */
    private Path repository() {
        return LedgerHistory.copy(work.resolve("template"), work.resolve("repos").resolve("copy-" + (++copies)),
                COMMITS);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
