package io.gitlore.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import io.gitlore.local.stack.LocalStack;
import io.gitlore.local.stack.Services;
import io.gitlore.local.stack.StackSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The five stages on the local stack as the fault suite drives them: consumes the built project and a work
 * directory, starts the broker and the stages (no gateway: jobs go straight to the scrape-requested topic), follows
 * every output topic, and kills and restarts parts while a job runs.
 */
final class Pipeline implements AutoCloseable {

    static final List<String> PARTS = List.of("scraper", "chunker", "tokenizer", "embedder", "trainer");
    static final int TRAINING_STEPS = 20;
    static final int CHECKPOINT_EVERY = 5;

    /** Small budgets, and MiniLM (half bge-small's layers): the suite checks recovery, not quality. */
    private static final Map<String, String> ENV = Map.ofEntries(
            // One commit record in flight: the scraper then runs at the broker's pace, a few seconds for the history,
            // long enough to be killed in the middle of it.
            Map.entry("GITLORE_SCRAPER_MAX_IN_FLIGHT", "1"),
            Map.entry("GITLORE_CHUNKER_PROGRESS_EVERY", "10"),
            Map.entry("GITLORE_EMBEDDER_MODEL", "all-minilm-l6-v2"),
            Map.entry("GITLORE_EMBEDDER_UPSERT_BATCH", "32"),
            Map.entry("GITLORE_TOKENIZER_CONTEXT_LENGTH", "256"),
            Map.entry("GITLORE_TOKENIZER_TARGET_LENGTH", "64"),
            Map.entry("GITLORE_TOKENIZER_STRIDE", "64"),
            Map.entry("GITLORE_TRAINER_PRESET", "tiny"),
            Map.entry("GITLORE_TRAINER_MAX_STEPS", Integer.toString(TRAINING_STEPS)),
            Map.entry("GITLORE_TRAINER_CHECKPOINT_EVERY", Integer.toString(CHECKPOINT_EVERY)),
            Map.entry("GITLORE_TRAINER_LOG_EVERY", "1"),
            Map.entry("GITLORE_TRAINER_EVAL_EVERY", "10"),
            Map.entry("GITLORE_TRAINER_EVAL_TOKENS", "4096"),
            Map.entry("GITLORE_TRAINER_BATCH_SIZE", "4"),
            Map.entry("GITLORE_TRAINER_EFFECTIVE_BATCH", "4"));

    final LocalStack stack;
    final Path data;
    final TopicTail<CommitStreamItem> commits;
    final TopicTail<ChunkStreamItem> chunks;
    final TopicTail<DatasetReady> datasets;
    final TopicTail<TrainingReport> reports;
    final TopicTail<JobEvent> events;
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
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Starts the broker and the five stages from the built jars under {@code project}, and waits for them. */
    static Pipeline start(Path project, Path work, Path repositories, Consumer<String> say) {
        int kafka = freePorts(2);
        int services = freePorts(6);
        StackSettings settings = new StackSettings(project, work.resolve("data"),
                Path.of(System.getProperty("java.home"), "bin", "java"), kafka, services, "fault-suite",
                List.of(repositories), Duration.ofMinutes(30));
        LocalStack stack = LocalStack.launch(settings, PARTS, ENV, say);
        try {
            stack.awaitAllReady();
            return new Pipeline(stack, settings.dataDir(), say);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Submits a scrape request for {@code repository}, as the gateway would. */
    JobRun submit(Path repository) {
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
                        + "; stages: " + run.timeline() + "; " + logTails());
            }
            poll();
            JobEvent failed = run.failure();
            if (failed != null) {
                throw new AssertionError("[" + failed.stage() + "] failed: " + failed.message() + "; " + logTails());
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

    /** SIGKILL, as a crash would; then the part is started again (the broker waited for, a stage not). */
    void killAndRestart(String part) {
        long pid = stack.process(part).pid();
        stack.process(part).kill();
        say.accept("killed " + part + " (pid " + pid + ", SIGKILL); restarting it");
        stack.start(part);
        if (part.equals(Services.KAFKA)) {
            stack.awaitReady(part);
        }
    }

    private String logTails() {
        StringBuilder out = new StringBuilder("the end of each log:");
        for (String part : PARTS) {
            out.append("\n--- ").append(part).append('\n').append(stack.process(part).tail(8));
        }
        return out.toString();
    }

    /** A first port with {@code n - 1} free ports after it. */
    private static int freePorts(int n) {
        Random random = new Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = 20_000 + random.nextInt(30_000);
            boolean free = true;
            for (int p = first; p < first + n && free; p++) {
                try (ServerSocket socket = new ServerSocket(p)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new UncheckedIOException(new IOException("no " + n + " consecutive free ports"));
    }

    @Override
    public void close() {
        tails.forEach(TopicTail::close);
        producer.close(Duration.ofSeconds(5));
        stack.close();
    }
}
