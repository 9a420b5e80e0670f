package io.gitlore.gateway.rest;

import static io.gitlore.gateway.fixtures.Api.api;
import static io.gitlore.gateway.fixtures.Api.fixtureRepository;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.gitlore.contracts.Topics;
import io.gitlore.contracts.job.JobOptions;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * A job's training options through {@code POST /api/v1/jobs}: a valid set is written to the job's
 * {@code OPTIONS.json} before the scrape request goes out and shown with the job and in its manifest; a bad one is a
 * 400 naming the field and the reason, and a checkpoint is held to the allowed roots like a repository.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class JobOptionsTest extends ServiceKafkaTestBase {

    private static final Path DATA = Path.of("target/test-data");

    private static Path checkpoint() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/test-repos").resolve("ckpt-" + UUID.randomUUID())
                .toAbsolutePath());
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.write(dir.resolve("model.safetensors"), new byte[8]);
        return dir;
    }

    private static io.restassured.response.ValidatableResponse post(Object options) {
        return api().contentType(ContentType.JSON)
                .body(Map.of("repository", fixtureRepository().toString(), "options", options))
                .post("/api/v1/jobs").then();
    }

    @Test
    void validOptionsAreWrittenForTheTrainerBeforeTheScrapeRequestAndShownWithTheJob() throws Exception {
        Path checkpoint = checkpoint();
        String job = post(Map.of("preset", "SMALL", "pretrained", checkpoint.toString(), "maxSteps", 2,
                "maxDuration", "PT15M")).statusCode(202).extract().path("jobId");

        JobOptions expected = new JobOptions("small", checkpoint.toRealPath().toString(), 2L, Duration.ofMinutes(15));
        assertEquals(expected, JobOptions.read(DATA, job).orElseThrow());
        topics().readRaw(Topics.SCRAPE_REQUESTED, records -> records.stream().anyMatch(r -> job.equals(r.key())),
                WAIT);
        api().get("/api/v1/jobs/" + job).then().statusCode(200).body("options.preset", equalTo("small"))
                .body("options.maxSteps", equalTo(2)).body("options.maxDuration", equalTo("PT15M"))
                .body("options.pretrained", equalTo(expected.pretrained()));
        api().get("/api/v1/jobs/" + job + "/manifest").then().statusCode(200).body("options.maxSteps", equalTo(2));

        String plain = post(Map.of()).statusCode(202).extract().path("jobId");
        assertEquals(java.util.Optional.empty(), JobOptions.read(DATA, plain), "no options, no file");
        api().get("/api/v1/jobs/" + plain).then().body("options", nullValue());
    }

    @Test
    void badOptionsAre400WithTheFieldAndTheReason() throws Exception {
        post(Map.of("preset", "huge")).statusCode(400).body("field", equalTo("options.preset"))
                .body("error", containsString("one of tiny, small, gpt2"));
        post(Map.of("maxSteps", 0)).statusCode(400).body("field", equalTo("options.maxSteps"))
                .body("error", containsString("at least 1"));
        post(Map.of("maxSteps", 10_000_001)).statusCode(400).body("field", equalTo("options.maxSteps"));
        post(Map.of("maxSteps", "many")).statusCode(400).body("error", containsString("malformed JSON body"));
        post(Map.of("maxDuration", "15 minutes")).statusCode(400).body("field", equalTo("options.maxDuration"))
                .body("error", containsString("ISO-8601"));
        post(Map.of("maxDuration", "P8D")).statusCode(400).body("field", equalTo("options.maxDuration"))
                .body("error", containsString("at most PT168H"));
        post(Map.of("maxDuration", "-PT1M")).statusCode(400).body("field", equalTo("options.maxDuration"));
        post("fast").statusCode(400).body("error", containsString("malformed JSON body"));

        post(Map.of("pretrained", "/etc")).statusCode(400).body("field", equalTo("options.pretrained"))
                .body("error", containsString("outside the allowed roots"));
        Path checkpoint = checkpoint();
        post(Map.of("pretrained", checkpoint + "/../" + checkpoint.getFileName())).statusCode(400)
                .body("field", equalTo("options.pretrained")).body("error", containsString("'..'"));
        post(Map.of("pretrained", "models/gpt2")).statusCode(400).body("error", containsString("absolute path"));
        Files.delete(checkpoint.resolve("model.safetensors"));
        post(Map.of("pretrained", checkpoint.toString())).statusCode(400)
                .body("error", containsString("not a checkpoint directory"));
        // A symlink under the allowed root that leads out of it is refused by where it leads.
        Path outside = checkpoint();
        Path realOutside = Files.move(outside, Files.createTempDirectory("gitlore-outside").resolve("ckpt"));
        Path link = Files.createSymbolicLink(outside, realOutside);
        post(Map.of("pretrained", link.toString())).statusCode(400).body("field", equalTo("options.pretrained"))
                .body("error", containsString("outside the allowed roots"));
    }
}
