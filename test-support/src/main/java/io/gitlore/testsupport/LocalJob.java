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
import io.gitlore.contracts.chunk.ChunkRecord;
import io.gitlore.contracts.chunk.ChunkStreamItem;
import io.gitlore.contracts.chunk.ChunkingStats;
import io.gitlore.contracts.dataset.DatasetReady;
import io.gitlore.contracts.serde.ChunkStreamDeserializer;
import io.gitlore.contracts.serde.DatasetReadyDeserializer;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The local pipeline client behind {@code deploy/local/run.sh}: submits one job to a running broker, shows a progress
 * line per stage from the job's events, writes the job's commit and chunk streams to {@code <data>/jobs/<job>/} and
 * a {@code MANIFEST.json}, and exits 0 when every stage completed, 1 when one failed.
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

        submit(bootstrap, jobId, Json.write(new ScrapeRequest(jobId, repository, List.of(), null, Instant.now())));
        System.out.println("job " + jobId + " submitted for " + repository);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("jobId", jobId);
        manifest.put("repository", repository);
        manifest.put("startedAt", Instant.now().toString());
        Map<String, JobEvent> finished = new LinkedHashMap<>();
        JobEvent failed = null;
        long commits = 0;
        long chunks = 0;
        RepositorySummary summary = null;
        ChunkingStats chunkingStats = null;
        DatasetReady dataset = null;
        Path commitsFile = jobDir.resolve("commits.jsonl");
        Path chunksFile = jobDir.resolve("chunks.jsonl");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, JobEvent> events = consumer(bootstrap, new JobEventDeserializer(), Topics.JOB_EVENTS);
             KafkaConsumer<String, CommitStreamItem> stream = consumer(bootstrap, new CommitStreamDeserializer(),
                     Topics.COMMITS);
             KafkaConsumer<String, ChunkStreamItem> chunkStream = consumer(bootstrap, new ChunkStreamDeserializer(),
                     Topics.CHUNKS);
             KafkaConsumer<String, DatasetReady> datasets = consumer(bootstrap, new DatasetReadyDeserializer(),
                     Topics.DATASETS_READY);
             BufferedWriter out = Files.newBufferedWriter(commitsFile, StandardCharsets.UTF_8);
             BufferedWriter chunkOut = Files.newBufferedWriter(chunksFile, StandardCharsets.UTF_8)) {
            while (failed == null && !(finished.keySet().containsAll(STAGES) && summary != null
                    && chunkingStats != null && dataset != null) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DatasetReady> r : datasets.poll(Duration.ofMillis(20))) {
                    if (jobId.equals(r.value().jobId())) {
                        dataset = r.value();
                    }
                }
                for (ConsumerRecord<String, JobEvent> r : events.poll(Duration.ofMillis(100))) {
                    JobEvent e = r.value();
                    if (!jobId.equals(e.jobId())) {
                        continue;
                    }
                    long total = e.total();
                    if (total <= 0 && "embed".equals(e.stage()) && chunkingStats != null) {
                        total = chunkingStats.emitted(); // the embedder learns its total only at the end
                    }
                    if (e.type() == JobEventType.PROGRESS && total > 0 && e.done() >= 0 && e.done() <= total) {
                        System.out.printf("\r[%s] %s %d/%d (%d%%)   ", e.stage(), bar(e.done(), total), e.done(),
                                total, 100 * e.done() / total);
                    } else {
                        System.out.printf("%n[%s] %s: %s%n", e.stage(), e.type().name().toLowerCase(), e.message());
                    }
                    if (e.type() == JobEventType.COMPLETED) {
                        finished.put(e.stage(), e);
                    } else if (e.type() == JobEventType.FAILED) {
                        failed = e;
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
                for (ConsumerRecord<String, ChunkStreamItem> r : chunkStream.poll(Duration.ofMillis(50))) {
                    ChunkStreamItem item = r.value();
                    if (!jobId.equals(item.jobId())) {
                        continue;
                    }
                    if (item instanceof ChunkRecord) {
                        chunkOut.write(new String(Json.write(item), StandardCharsets.UTF_8));
                        chunkOut.newLine();
                        chunks++;
                    } else if (item instanceof ChunkingStats s) {
                        chunkingStats = s;
                    }
                }
            }
        }
        boolean completed = failed == null && finished.keySet().containsAll(STAGES);
        if (failed == null && !completed) {
            System.err.println("no result within " + timeout + ": are the services running? finished: "
                    + finished.keySet());
        }
        manifest.put("finishedAt", Instant.now().toString());
        manifest.put("status", completed ? "completed" : "failed");
        manifest.put("message", failed != null ? "[" + failed.stage() + "] " + failed.message()
                : finished.values().stream().map(e -> "[" + e.stage() + "] " + e.message()).toList());
        Map<String, Object> stages = new LinkedHashMap<>();
        stages.put("scrape", Map.of("commits", commits, "commitsFile", commitsFile.toString(),
                "blobStore", data.resolve("blobs").toString(), "summary", summary == null ? Map.of() : summary));
        stages.put("chunk", Map.of("chunks", chunks, "chunksFile", chunksFile.toString(),
                "chunking_stats", chunkingStats == null ? Map.of() : chunkingStats));
        Map<String, Object> datasetStage = new LinkedHashMap<>();
        if (dataset != null) {
            datasetStage.put("directory", dataset.directory());
            datasetStage.put("empty", dataset.empty());
            if (dataset.empty()) {
                datasetStage.put("reason", dataset.reason());
            } else {
                datasetStage.put("manifest", Path.of(dataset.directory()).resolve("manifest.json").toString());
                datasetStage.put("tokens", dataset.manifest().tokens());
                datasetStage.put("splits", dataset.manifest().splits().stream().map(sp -> Map.of("name", sp.name(),
                        "tokens", sp.tokens(), "commits", sp.commits(), "from", String.valueOf(sp.firstTime()),
                        "to", String.valueOf(sp.lastTime()))).toList());
                datasetStage.put("epochs", dataset.manifest().epochs());
            }
        }
        stages.put("dataset", datasetStage);
        JobEvent embedded = finished.get("embed");
        if (embedded != null) {
            Map<String, Object> index = new LinkedHashMap<>(embedded.details());
            if ("lucene".equals(index.get("store")) && index.get("repositoryId") != null) {
                index.put("directory", data.resolve("index").resolve(index.get("repositoryId").toString()).toString());
            }
            stages.put("index", index);
        }
        Path report = jobDir.resolve("model").resolve("training_report.json");
        if (Files.isRegularFile(report)) {
            stages.put("training", Json.MAPPER.readValue(report.toFile(), Map.class));
        }
        manifest.put("stages", stages);
        Path manifestFile = jobDir.resolve("MANIFEST.json");
        Files.write(manifestFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        System.out.println("commits:  " + commitsFile + " (" + commits + " records)");
        System.out.println("chunks:   " + chunksFile + " (" + chunks + " records)");
        if (chunkingStats != null) {
            System.out.println("chunking_stats: " + new String(Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(chunkingStats), StandardCharsets.UTF_8));
        }
        if (dataset != null) {
            System.out.println("dataset:  " + (dataset.empty() ? dataset.reason() : dataset.directory() + " ("
                    + dataset.manifest().tokens() + " tokens, " + dataset.manifest().epochs().epochs()
                    + " epochs planned)"));
        }
        if (embedded != null) {
            Map<String, Object> d = embedded.details();
            System.out.println("index:    " + d.get("points") + " points in " + d.get("store") + " ("
                    + d.get("model") + "), repository id " + d.get("repositoryId") + "; search: GET "
                    + "/api/search?repository=" + d.get("repositoryId") + "&q=... on the embedder");
        }
        JobEvent trained = finished.get("training");
        if (trained != null) {
            System.out.println("model:    " + trained.details().getOrDefault("modelDirectory", "(none)") + " ("
                    + trained.message() + "); report: " + report);
        }
        System.out.println("manifest: " + manifestFile);
        System.exit(completed ? 0 : 1);
    }

    /** The stages whose completion ends a local job, in pipeline order. */
    private static final List<String> STAGES = List.of("scrape", "chunk", "dataset", "embed", "training");

    private static String bar(long done, long total) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    /** Sends the job's one scrape request and waits for the broker to acknowledge it. */
    private static void submit(String bootstrap, String jobId, byte[] request) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SCRAPE_REQUESTED, jobId, request)).get();
        }
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
