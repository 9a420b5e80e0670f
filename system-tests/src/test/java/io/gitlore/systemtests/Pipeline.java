package io.gitlore.systemtests;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.gitlore.contracts.RepositoryIds;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.contracts.serde.Json;
import io.gitlore.contracts.training.TrainingReport;
import io.gitlore.local.client.GatewayClient;
import io.gitlore.local.stack.LocalStack;
import io.gitlore.local.stack.Services;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The local stack as the fault suite drives it: consumes a work directory, starts the broker, the gateway and the
 * five stages ({@link TestStack}), submits jobs straight to the scrape-requested topic or through the gateway's API,
 * follows every output topic, and kills and restarts parts while a job runs.
 */
final class Pipeline implements AutoCloseable {

    static final List<String> PARTS = TestStack.SERVICES;
    private static final String API_KEY = "fault-suite";

    /** How a job reaches the stages. */
    enum Route {
        /** A scrape request put on its topic, as the gateway would: the stages alone are under test. */
        SCRAPE_TOPIC,
        /** {@code POST /api/v1/jobs}: the gateway records the job and follows its events. */
        GATEWAY_API
    }
    static final int TRAINING_STEPS = 20;
    static final int CHECKPOINT_EVERY = 5;

    /** On top of the small budgets: checkpoints to resume from and a scraper slow enough to be killed mid-scrape. */
    private static final Map<String, String> ENV = Map.of(
            // One commit record in flight: the scraper then runs at the broker's pace, a few seconds for the history,
            // long enough to be killed in the middle of it.
            "GITLORE_SCRAPER_MAX_IN_FLIGHT", "1",
            "GITLORE_TRAINER_MAX_STEPS", Integer.toString(TRAINING_STEPS),
            "GITLORE_TRAINER_CHECKPOINT_EVERY", Integer.toString(CHECKPOINT_EVERY));

    final LocalStack stack;
    final Path data;
    final TopicTail<CommitStreamItem> commits;
    final TopicTail<ChunkStreamItem> chunks;
    final TopicTail<DatasetReady> datasets;
    final TopicTail<TrainingReport> reports;
    final TopicTail<JobEvent> events;
    final GatewayClient gateway;
    private final KafkaProducer<String, byte[]> producer;
    private final List<TopicTail<?>> tails;
    private final Consumer<String> say;

    private Pipeline(LocalStack stack, Path data, Consumer<String> say) {
        this.stack = stack;
        this.data = data;
        this.say = say;
        String bootstrap = stack.settings().bootstrap();
        this.commits = new TopicTail<>(bootstrap, Topics.COMMITS, CommitStreamItem.class);
        this.chunks = new TopicTail<>(bootstrap, Topics.CHUNKS, ChunkStreamItem.class);
        this.datasets = new TopicTail<>(bootstrap, Topics.DATASETS_READY, DatasetReady.class);
        this.reports = new TopicTail<>(bootstrap, Topics.TRAINING_REPORTS, TrainingReport.class);
        this.events = new TopicTail<>(bootstrap, Topics.JOB_EVENTS, JobEvent.class);
        this.tails = List.of(commits, chunks, datasets, reports, events);
        this.gateway = new GatewayClient(stack.settings().gatewayUrl(), API_KEY);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Starts the broker, the gateway and the stages from the built jars, and waits for them ({@link TestStack}). */
    static Pipeline start(Path work, Consumer<String> say) {
        LocalStack stack = TestStack.start(work, PARTS, ENV, API_KEY, say);
        return new Pipeline(stack, stack.settings().dataDir(), say);
    }

    /** Submits a job for {@code repository} by {@code route}. */
    JobRun submit(Route route, Path repository) {
        if (route == Route.GATEWAY_API) {
            String jobId = gateway.submit(repository.toString());
            // The gateway names the repository by its real path: the index directory is under that id.
            return new JobRun(this, jobId, repository, String.valueOf(gateway.job(jobId).get("repositoryId")));
        }
        String jobId = UUID.randomUUID().toString();
        send(Topics.SCRAPE_REQUESTED, jobId, Json.write(new ScrapeRequest(jobId, repository.toString(), List.of(),
                null, Instant.now())));
        return new JobRun(this, jobId, repository, RepositoryIds.of(repository.toString()));
    }

    void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e, e);
        }
    }

    void poll() {
        tails.forEach(t -> t.poll(Duration.ofMillis(10)));
    }

    /**
     * Follows the job until every stage completed, firing {@code fault} (when given) once it is due; fails on a
     * stage's failure or when {@code timeout} passes.
     */
    void await(JobRun run, Fault fault, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!run.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + run.jobId + " did not complete within " + timeout
                        + "; stages: " + run.timeline() + "; " + TestStack.logTails(stack, PARTS));
            }
            poll();
            JobEvent failed = run.failure();
            if (failed != null) {
                throw new AssertionError("[" + failed.stage() + "] failed: " + failed.message() + "; "
                        + TestStack.logTails(stack, PARTS));
            }
            if (fault != null && !fault.fired() && fault.due(run)) {
                fault.fire(run, this);
            }
        }
        if (fault != null && !fault.fired()) {
            throw new AssertionError("the job completed before the fault was due: " + fault);
        }
        for (int i = 0; i < 20; i++) {
            poll(); // late duplicates, if any, must show before the outputs are compared
        }
    }

    /**
     * SIGKILL, as a crash would; then the part is started again (the broker waited for, a service not: the job goes
     * on meanwhile).
     */
    void killAndRestart(String part) {
        long pid = stack.process(part).pid();
        stack.process(part).kill();
        say.accept("killed " + part + " (pid " + pid + ", SIGKILL); restarting it");
        stack.start(part);
        if (part.equals(Services.KAFKA)) {
            stack.awaitReady(part);
        }
    }

    @Override
    public void close() {
        tails.forEach(TopicTail::close);
        producer.close(Duration.ofSeconds(5));
        TestStack.stop(stack, PARTS);
    }
}
