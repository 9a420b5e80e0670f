package io.gitlore.testsupport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.scrape.CommitRecord;
import io.gitlore.contracts.scrape.CommitStreamItem;
import io.gitlore.contracts.scrape.RepositorySummary;
import io.gitlore.contracts.scrape.ScrapeRequest;
import io.gitlore.contracts.serde.CommitStreamDeserializer;
import io.gitlore.contracts.serde.JobEventDeserializer;
import io.gitlore.contracts.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The local pipeline client behind {@code deploy/local/run.sh}: submits one scrape job to a running broker, shows a
 * progress line from the job's events, writes the job's commit stream to {@code <data>/jobs/<job>/commits.jsonl}
 * and a {@code MANIFEST.json}, and exits 0 when the job completed, 1 when it failed.
 */
public final class LocalJob {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LocalJob <bootstrap> <repository> <data-dir> [timeout-minutes]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String repository = args[1];
        Path data = Path.of(args[2]).toAbsolutePath();
        Duration timeout = Duration.ofMinutes(args.length > 3 ? Long.parseLong(args[3]) : 120);
        String jobId = UUID.randomUUID().toString();
        Path jobDir = data.resolve("jobs").resolve(jobId);
        Files.createDirectories(jobDir);

        new TopicReader(bootstrap).produce(Topics.SCRAPE_REQUESTED, jobId,
                Json.write(new ScrapeRequest(jobId, repository, List.of(), null, Instant.now())));
        System.out.println("job " + jobId + " submitted for " + repository);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("jobId", jobId);
        manifest.put("repository", repository);
        manifest.put("startedAt", Instant.now().toString());
        JobEvent terminal;
        long commits = 0;
        RepositorySummary summary = null;
        Path commitsFile = jobDir.resolve("commits.jsonl");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, JobEvent> events = consumer(bootstrap, new JobEventDeserializer(), Topics.JOB_EVENTS);
             KafkaConsumer<String, CommitStreamItem> stream = consumer(bootstrap, new CommitStreamDeserializer(),
                     Topics.COMMITS);
             BufferedWriter out = Files.newBufferedWriter(commitsFile, StandardCharsets.UTF_8)) {
            terminal = null;
            while ((terminal == null || summary == null && terminal.type() == JobEventType.COMPLETED)
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, JobEvent> r : events.poll(Duration.ofMillis(100))) {
                    JobEvent e = r.value();
                    if (!jobId.equals(e.jobId())) {
                        continue;
                    }
                    if (e.type() == JobEventType.PROGRESS && e.total() > 0) {
                        System.out.printf("\r[%s] %s %d/%d (%d%%)   ", e.stage(), bar(e.done(), e.total()), e.done(),
                                e.total(), 100 * e.done() / e.total());
                    } else {
                        System.out.printf("%n[%s] %s: %s%n", e.stage(), e.type().name().toLowerCase(), e.message());
                    }
                    if (e.type() == JobEventType.COMPLETED || e.type() == JobEventType.FAILED) {
                        terminal = e;
                    }
                }
                for (ConsumerRecord<String, CommitStreamItem> r : stream.poll(Duration.ofMillis(100))) {
                    CommitStreamItem item = r.value();
                    if (!jobId.equals(item.jobId())) {
                        continue;
                    }
                    if (item instanceof CommitRecord) {
                        out.write(new String(Json.write(item), StandardCharsets.UTF_8));
                        out.newLine();
                        commits++;
                    } else if (item instanceof RepositorySummary s) {
                        summary = s;
                    }
                }
            }
        }
        if (terminal == null) {
            System.err.println("no result within " + timeout + ": is the scraper-service running?");
            System.exit(1);
        }
        manifest.put("finishedAt", Instant.now().toString());
        manifest.put("status", terminal.type().name().toLowerCase());
        manifest.put("message", terminal.message());
        manifest.put("stages", Map.of("scrape", Map.of("commits", commits, "commitsFile", commitsFile.toString(),
                "blobStore", data.resolve("blobs").toString(), "summary", summary == null ? Map.of() : summary)));
        Path manifestFile = jobDir.resolve("MANIFEST.json");
        Files.write(manifestFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        System.out.println("commits:  " + commitsFile + " (" + commits + " records)");
        System.out.println("manifest: " + manifestFile);
        System.exit(terminal.type() == JobEventType.COMPLETED ? 0 : 1);
    }

    private static String bar(long done, long total) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    private static <T> KafkaConsumer<String, T> consumer(String bootstrap,
                                                         org.apache.kafka.common.serialization.Deserializer<T> values,
                                                         String topic) throws IOException {
        KafkaConsumer<String, T> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "gitlore-local-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        // Join the group and take a position before the job starts, so nothing of this job is missed.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }
}
