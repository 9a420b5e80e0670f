package io.gitlore.gateway.service;

import static io.gitlore.gateway.fixtures.Api.api;
import static io.gitlore.gateway.fixtures.Api.await;
import static io.gitlore.gateway.fixtures.Api.awaitJob;
import static io.gitlore.gateway.fixtures.Api.submit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.fixtures.RunRecords;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/jobs/{id}/manifest} over a real broker: a run's events, dataset-ready record and training
 * report, produced as the stages produce them, become one document in the local pipeline's MANIFEST layout, served
 * and written to {@code <data>/jobs/<id>/MANIFEST.json} when the job ends.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RunManifestTest extends ServiceKafkaTestBase {

    @Test
    void aWholeRunBecomesOneManifestServedAndWrittenBesideTheJob() throws Exception {
        String job = submit();
        String repositoryId = api().get("/api/v1/jobs/" + job).path("repositoryId");
        List<JobEvent> run = RunRecords.completedRun(job, repositoryId);
        topics().produce(Topics.JOB_EVENTS, job, List.of(Json.write(run.get(0)), Json.write(run.get(1))));
        JsonPath partial = await("/api/v1/jobs/" + job + "/manifest",
                m -> m.get("stages.scrape") != null).extract().jsonPath();
        assertEquals("RUNNING", partial.getString("status"));
        assertEquals(42, partial.getInt("stages.scrape.summary.emitted"));
        assertNull(partial.get("stages.chunk"));
        assertNull(partial.get("finishedAt"));

        topics().produce(Topics.DATASETS_READY, job, Json.write(RunRecords.ready(job, repositoryId, "/data/jobs/"
                + job + "/dataset")));
        topics().produce(Topics.JOB_EVENTS, job, run.subList(2, run.size()).stream().map(Json::write).toList());
        topics().produce(Topics.TRAINING_REPORTS, job, Json.write(RunRecords.report(job, repositoryId)));
        awaitJob(job, j -> "COMPLETED".equals(j.getString("status")) && j.getBoolean("report"));
        JsonPath manifest = await("/api/v1/jobs/" + job + "/manifest",
                m -> m.get("stages.dataset.directory") != null).extract().jsonPath();

        assertEquals(job, manifest.getString("jobId"));
        assertEquals("COMPLETED", manifest.getString("status"));
        assertEquals(List.of("scrape", "chunk", "dataset", "embed", "training"),
                manifest.getList("timings.stage"));
        assertEquals(600.0, manifest.getDouble("timings[4].seconds"), 1e-9);
        assertEquals(37.0, manifest.getDouble("timings[3].seconds"), 1e-9);
        assertEquals(RunRecords.T0.plusSeconds(608).toString(), manifest.getString("finishedAt"));
        assertEquals(5, manifest.getList("message").size());
        assertEquals(42, manifest.getInt("stages.scrape.commits"));
        assertTrue(manifest.getString("stages.scrape.blobStore").endsWith("/blobs"));
        assertEquals(3, manifest.getInt("stages.scrape.summary.authors"));
        assertEquals(130, manifest.getInt("stages.chunk.chunks"));
        assertEquals(4, manifest.getInt("stages.chunk.chunking_stats.exactDuplicates"));
        assertEquals("/data/jobs/" + job + "/dataset/manifest.json", manifest.getString("stages.dataset.manifest"));
        assertEquals(10_000, manifest.getInt("stages.dataset.tokens"));
        assertEquals(List.of("train", "validation", "test"), manifest.getList("stages.dataset.splits.name"));
        assertEquals(8, manifest.getInt("stages.dataset.epochs.epochs"));
        assertEquals(32, manifest.getInt("stages.dataset.datasetManifest.epochs.totalSteps"));
        assertEquals(124, manifest.getInt("stages.index.points"));
        assertTrue(manifest.getString("stages.index.directory").endsWith("/index/" + repositoryId));
        assertEquals("COMPLETED", manifest.getString("stages.training.status"));

        Path file = Path.of("target/test-data/jobs", job, "MANIFEST.json");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !(Files.exists(file)
                && Files.readString(file).contains("\"training\"") && Files.readString(file).contains("/dataset\""))) {
            Thread.sleep(100);
        }
        // The file leaves out what the answer says is null: the same document otherwise (read with Jackson, as
        // RestAssured's JsonPath reads numbers as floats).
        Map<?, ?> served = Json.MAPPER.readValue(api().get("/api/v1/jobs/" + job + "/manifest").asString(), Map.class);
        assertEquals(withoutNulls(served), Json.MAPPER.readValue(file.toFile(), Map.class));
    }

    @Test
    void anUnknownJobHasNoManifestAndAQueuedOneHasOnlyItsRequest() {
        api().get("/api/v1/jobs/" + UUID.randomUUID() + "/manifest").then().statusCode(404)
                .body("error", containsString("no job"));
        String job = submit();
        api().get("/api/v1/jobs/" + job + "/manifest").then().statusCode(200).body("status", equalTo("QUEUED"))
                .body("stages.scrape", nullValue()).body("timings.size()", equalTo(0));
    }

    @Test
    void poisonOnTheDatasetsTopicIsDeadLettered() {
        assertDeadLettered(Topics.DATASETS_READY, "gateway", "{\"jobId\":\"../x\"}");
    }

    @SuppressWarnings("unchecked")
    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    out.put((String) k, withoutNulls(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RunManifestTest::withoutNulls).toList();
        }
        return value;
    }
}
