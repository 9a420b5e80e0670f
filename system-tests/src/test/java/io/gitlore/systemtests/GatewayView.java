package io.gitlore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.Json;
import io.gitlore.local.stack.Services;

/**
 * What the gateway says about one job once it has ended, in a form two runs can be compared by: each stage's state
 * and done/total as {@code GET /api/v1/jobs/{id}} shows them, and the figures of the run's {@code MANIFEST.json} (with
 * the training report in it). Reading them also checks that the job's Server-Sent Events replay every event the
 * stages published for it, each once and in order.
 */
record GatewayView(List<String> stages, Map<String, String> figures) {

    /** The gateway reads the topics on its own: it may still be behind the suite, more so once restarted. */
    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    /** What the manifest must hold, and equal the clean run's: one figure per stage, the report's status and steps. */
    private static final List<String> FIGURES = List.of("/status", "/stages/scrape/commits", "/stages/chunk/chunks",
            "/stages/dataset/tokens", "/stages/index/points", "/stages/training/status",
            "/stages/training/run/stepsDone");

    static GatewayView of(JobRun run, Pipeline pipeline) {
        pipeline.stack.awaitReady(Services.GATEWAY);
        Path file = pipeline.data.resolve("jobs").resolve(run.jobId).resolve("MANIFEST.json");
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        JsonNode view = Json.MAPPER.valueToTree(pipeline.gateway.job(run.jobId));
        JsonNode manifest = manifest(file);
        while (!"COMPLETED".equals(view.path("status").asText()) || !view.path("report").asBoolean()
                || !"COMPLETED".equals(manifest.at("/stages/training/status").asText())) {
            assertTrue(System.nanoTime() < deadline, "within " + CATCH_UP + " the gateway shows job " + run.jobId
                    + " COMPLETED, with its training report, in its view: " + view + " and in " + file + ": "
                    + manifest);
            sleep();
            view = Json.MAPPER.valueToTree(pipeline.gateway.job(run.jobId));
            manifest = manifest(file);
        }
        List<String> stages = new ArrayList<>();
        view.path("stages").forEach(s -> stages.add(s.path("stage").asText() + " " + s.path("state").asText() + " "
                + s.path("done").asLong() + "/" + s.path("total").asLong()));
        Map<String, String> figures = new LinkedHashMap<>();
        for (String figure : FIGURES) {
            assertFalse(manifest.at(figure).isMissingNode(), file + " has " + figure + ": " + manifest);
            figures.put(figure, manifest.at(figure).asText());
        }
        assertReplays(run, pipeline);
        return new GatewayView(stages, figures);
    }

    /** The same stages with the same done/total, and the same manifest figures. */
    void assertSameAs(GatewayView clean, String scenario) {
        assertEquals(clean.stages, stages, scenario + ": each stage's state and done/total in GET /jobs/{id}");
        assertEquals(clean.figures, figures, scenario + ": the run's manifest");
    }

    /**
     * The job's event stream, opened after the job ended, replays the job's events as the stages published them:
     * each distinct event once, in topic order (one key, one partition), up to the one that completed the job, where
     * the gateway ends the stream.
     */
    private static void assertReplays(JobRun run, Pipeline pipeline) {
        List<String> replayed = new ArrayList<>();
        pipeline.gateway.follow(run.jobId, e -> replayed.add(e.id()));
        RunOutputs.assertUnique("the job's event stream", replayed);
        Set<String> published = new LinkedHashSet<>();
        Set<String> completed = new HashSet<>();
        for (JobEvent e : run.events()) {
            if (completed.containsAll(JobRun.STAGES)) {
                break;
            }
            published.add(e.id());
            if (e.type() == JobEventType.COMPLETED) {
                completed.add(e.stage());
            }
        }
        assertEquals(List.copyOf(published), replayed, "the job's event stream replays each event the stages "
                + "published, once, in order (" + published.size() + " published, " + replayed.size() + " replayed)");
        System.out.println("[fault] job " + run.jobId + ": the gateway's event stream replayed all "
                + replayed.size() + " events, none twice");
    }

    private static JsonNode manifest(Path file) {
        try {
            return Files.isRegularFile(file) ? Json.MAPPER.readTree(file.toFile()) : MissingNode.getInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e); // replaced atomically: never read half-written
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
