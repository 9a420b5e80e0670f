package io.gitlore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.local.client.GatewayClient;
import io.gitlore.local.stack.LocalStack;
import io.gitlore.local.stack.Services;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * gitlore as a user meets it: the real broker, the gateway (with an API key) and the five stages as child JVMs from
 * their built jars; one job posted through the gateway's API on the ledger history with a small training budget in
 * its options, followed over the job's Server-Sent Events until it completes; then the query routes on what it
 * built: a paraphrase finds the landmark function, its context carries the two commits that changed it, the tiny
 * model it trained generates text, the manifest holds every stage's output, and no route answers without the key.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayEndToEndIT {

    private static final int COMMITS = 24;
    private static final long TRAINING_STEPS = 10;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    private static final List<String> PARTS = TestStack.SERVICES;

    private final List<JobEvent> events = new CopyOnWriteArrayList<>();
    private long suiteStarted;
    private String apiKey;
    private LocalStack stack;
    private GatewayClient gateway;
    private Path repository;
    private String jobId;

    @BeforeAll
    void runOneJobThroughTheGateway() {
        suiteStarted = System.nanoTime();
        assertEquals(List.of(), Services.missingJars(TestStack.project()),
                "the services must be packaged first (mvn package)");
        Path work = TestStack.freshWork(Path.of(System.getProperty("gitlore.e2e.dir", "target/gateway-e2e"))
                .toAbsolutePath());
        repository = LedgerHistory.copy(work.resolve("template"), work.resolve("repos").resolve("ledger"), COMMITS);
        apiKey = UUID.randomUUID().toString();
        stack = TestStack.start(work, PARTS, Map.of(), apiKey, line -> System.out.println("[stack] " + line));
        System.out.printf("[e2e] stack ready after %.1f s%n", seconds(suiteStarted));
        gateway = new GatewayClient(stack.settings().gatewayUrl(), apiKey);
        long submitted = System.nanoTime();
        jobId = gateway.submit(Map.of("repository", repository.toString(),
                "options", Map.of("preset", "tiny", "maxSteps", TRAINING_STEPS)));
        CompletableFuture<Long> stream = CompletableFuture.supplyAsync(() -> gateway.follow(jobId, events::add));
        try {
            stream.get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("job " + jobId + " did not end within " + JOB_TIMEOUT + "; its events: " + summary(events) + "; "
                    + TestStack.logTails(stack, PARTS));
        } catch (ExecutionException e) {
            throw new AssertionError("the job's event stream failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        System.out.printf("[e2e] job %s ended after %.1f s, %d events: %s%n", jobId, seconds(submitted),
                events.size(), summary(events));
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            TestStack.stop(stack, PARTS);
        }
        System.out.printf("[e2e] the suite took %.1f s%n", seconds(suiteStarted));
    }

    @Test
    @Order(1)
    void theEventStreamShowsEveryStageInPipelineOrderUntilCompleted() {
        List<JobEvent> failed = events.stream().filter(e -> e.type() == JobEventType.FAILED).toList();
        assertEquals(List.of(), failed, "no stage failed; " + TestStack.logTails(stack, PARTS));
        List<String> heard = new ArrayList<>();
        for (JobEvent e : events) {
            if (!heard.contains(e.stage())) {
                heard.add(e.stage());
            }
        }
        List<String> completed = events.stream().filter(e -> e.type() == JobEventType.COMPLETED)
                .map(JobEvent::stage).toList();
        for (String stage : JobRun.STAGES) {
            assertTrue(completed.contains(stage), stage + " completed; stream: " + summary(events));
        }
        // Each stage starts on its input, which the one before it produces: the first word of each comes in order.
        assertBefore(heard, "scrape", "chunk");
        assertBefore(heard, "chunk", "dataset");
        assertBefore(heard, "chunk", "embed");
        assertBefore(heard, "dataset", "training");
        assertEquals("COMPLETED", gateway.job(jobId).get("status"), "the job's view");
    }

    @Test
    @Order(2)
    void aParaphraseFindsTheLandmarkFunction() {
        Map<String, Object> answer = gateway.search(repository.toString(), Landmark.PARAPHRASE, 5);
        List<Map<String, Object>> hits = list(answer.get("hits"));
        hits.forEach(h -> System.out.printf("[e2e] search hit %.4f %s %s%n", ((Number) h.get("score")).doubleValue(),
                h.get("path"), h.get("qualifiedName")));
        int rank = -1;
        for (int i = 0; i < hits.size() && rank < 0; i++) {
            if (isLandmark(hits.get(i).get("path"), hits.get(i).get("qualifiedName"))) {
                rank = i;
            }
        }
        assertTrue(rank >= 0 && rank < 3, "'" + Landmark.PARAPHRASE + "' finds " + Landmark.NAME
                + " in the top 3, not at rank " + rank + ": " + hits);
    }

    @Test
    @Order(3)
    void theContextCarriesTheLandmarksOwnHistory() throws Exception {
        Map<String, String> subjects = new LinkedHashMap<>(); // hash -> subject, newest first
        int fileCommits = 0;
        try (Git git = Git.open(repository.toFile())) {
            for (RevCommit c : git.log().addPath(Landmark.PATH).call()) {
                fileCommits++;
                if (Landmark.SUBJECTS.contains(c.getShortMessage())) {
                    subjects.put(c.getName(), c.getShortMessage());
                }
            }
        }
        assertEquals(2, subjects.size(), "the fixture changes the landmark in two commits");
        assertTrue(fileCommits > 3, "its file has other commits too, so a file's history is not the unit's");

        Map<String, Object> answer = gateway.post("/context", Map.of("repository", repository.toString(),
                "query", Landmark.PARAPHRASE, "k", 3, "maxHistory", 10));
        System.out.println("[e2e] /context answered: " + answer);
        Map<String, Object> unit = list(answer.get("units")).stream()
                .filter(u -> isLandmark(u.get("path"), u.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("the context has the landmark unit: " + answer));
        List<String> history = list(unit.get("history")).stream().map(c -> String.valueOf(c.get("commit"))).toList();
        assertEquals(List.copyOf(subjects.keySet()), history, "the unit's history is the two commits that changed "
                + "it, newest first (historySource " + unit.get("historySource") + "): " + unit);
        String added = history.get(history.size() - 1);
        assertEquals(added, String.valueOf(map(unit.get("firstSeen")).get("commit")), "the unit first appeared in "
                + "the commit that added it, not in its file's first one: " + unit);
        assertEquals(true, unit.get("included"), "the unit is in the block");
        String text = String.valueOf(answer.get("text"));
        subjects.forEach((hash, subject) -> {
            assertTrue(text.contains(hash.substring(0, 10)), "the block names commit " + hash + ": " + text);
            assertTrue(text.contains(subject), "the block gives the subject '" + subject + "': " + text);
        });
    }

    @Test
    @Order(4)
    void theTrainedModelGeneratesText() {
        Map<String, Object> answer = gateway.post("/generate", Map.of("prompt", "pub fn ", "jobId", jobId,
                "maxTokens", 16, "seed", 7));
        System.out.println("[e2e] /generate answered: " + answer);
        assertEquals(jobId, answer.get("jobId"), "the job's own model generated");
        assertEquals(true, answer.get("done"));
        assertFalse(String.valueOf(answer.get("completion")).isEmpty(), "some text: " + answer);
        assertEquals(16, ((Number) answer.get("tokens")).intValue(), "as many tokens as asked: " + answer);
    }

    @Test
    @Order(5)
    void theManifestHoldsTheWholeRun() {
        Map<String, Object> manifest = gateway.manifest(jobId);
        assertEquals("COMPLETED", manifest.get("status"));
        assertNotNull(manifest.get("finishedAt"), "finished");
        assertEquals(TRAINING_STEPS, ((Number) map(manifest.get("options")).get("maxSteps")).longValue(),
                "the job's own training options are recorded");
        List<String> timed = list(manifest.get("timings")).stream()
                .filter(t -> "COMPLETED".equals(t.get("state"))).map(t -> String.valueOf(t.get("stage"))).toList();
        assertEquals(JobRun.STAGES, timed, "every stage's timing, in pipeline order");
        Map<String, Object> stages = map(manifest.get("stages"));
        Map<String, Object> scrape = map(stages.get("scrape"));
        assertEquals(COMMITS, ((Number) scrape.get("commits")).intValue(), "commits scraped");
        assertNotNull(scrape.get("summary"), "the repository summary");
        Map<String, Object> chunk = map(stages.get("chunk"));
        assertTrue(((Number) chunk.get("chunks")).longValue() > 0, "chunks: " + chunk);
        assertNotNull(chunk.get("chunking_stats"), "the chunking statistics");
        Map<String, Object> dataset = map(stages.get("dataset"));
        assertEquals(false, dataset.get("empty"), "a dataset: " + dataset);
        assertTrue(((Number) dataset.get("tokens")).longValue() > 0, "tokens in the dataset");
        assertFalse(list(dataset.get("splits")).isEmpty(), "its splits");
        assertNotNull(dataset.get("epochs"), "its epoch plan");
        assertTrue(Files.isRegularFile(Path.of(String.valueOf(dataset.get("manifest")))), "its manifest file");
        Map<String, Object> index = map(stages.get("index"));
        assertTrue(((Number) index.get("points")).longValue() > 0, "points indexed: " + index);
        Map<String, Object> training = map(stages.get("training"));
        assertEquals("COMPLETED", training.get("status"), "the training report");
        assertEquals(TRAINING_STEPS, ((Number) map(training.get("run")).get("stepsDone")).longValue(),
                "trained for the job's maxSteps");
        assertTrue(Files.isRegularFile(stack.settings().dataDir().resolve("jobs").resolve(jobId)
                .resolve("MANIFEST.json")), "MANIFEST.json is written");
    }

    @Test
    @Order(6)
    void noRouteAnswersWithoutTheKey() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = stack.settings().gatewayUrl() + "/api/v1";
        HttpRequest noKey = HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId)).GET().build();
        assertEquals(401, http.send(noKey, HttpResponse.BodyHandlers.discarding()).statusCode(), "GET without key");
        HttpRequest search = HttpRequest.newBuilder(URI.create(base + "/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"repository\":\"" + repository + "\",\"query\":\"x\"}"))
                .build();
        assertEquals(401, http.send(search, HttpResponse.BodyHandlers.discarding()).statusCode(), "POST without key");
        HttpRequest wrong = HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId))
                .header("X-API-Key", apiKey + "x").GET().build();
        assertEquals(403, http.send(wrong, HttpResponse.BodyHandlers.discarding()).statusCode(), "a wrong key");
    }

    private static boolean isLandmark(Object path, Object name) {
        return Landmark.PATH.equals(path) && name != null && String.valueOf(name).endsWith(Landmark.NAME);
    }

    private static void assertBefore(List<String> order, String first, String then) {
        assertTrue(order.indexOf(first) >= 0 && order.indexOf(first) < order.indexOf(then),
                first + " is heard from before " + then + ": " + order);
    }

    /** Each stage's events in the order they came, as TYPE(done/total). */
    private static String summary(List<JobEvent> events) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        events.forEach(e -> out.computeIfAbsent(e.stage(), s -> new ArrayList<>())
                .add(e.type() + (e.type() == JobEventType.PROGRESS ? "" : "(" + e.done() + "/" + e.total() + ")")));
        return out.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        assertTrue(json instanceof Map, "a JSON object: " + json);
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object json) {
        assertTrue(json instanceof List, "a JSON array: " + json);
        return (List<Map<String, Object>>) json;
    }
}
