package io.gitlore.gateway.callback;

import static io.gitlore.gateway.fixtures.Api.api;
import static io.gitlore.gateway.fixtures.Api.awaitJob;
import static io.gitlore.gateway.fixtures.Api.fixtureRepository;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.gitlore.contracts.Topics;
import io.gitlore.gateway.fixtures.RunRecords;
import io.gitlore.contracts.job.JobEvent;
import io.gitlore.contracts.job.JobEventType;
import io.gitlore.contracts.serde.Json;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.ServiceKafkaTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job's callback against a real HTTP server on this machine: when the job ends the receiver gets the job's view,
 * signed with HMAC-SHA256 over the bytes it received (verified here with the shared secret), after the gateway
 * retried the receiver's first failure; a receiver that never accepts is given up after the retries, and the job
 * says so. Callback URLs off the allowlist, or leading inside, are refused at submission.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class CallbackTest extends ServiceKafkaTestBase {

    private static final String SECRET = "test-callback-secret";

    /** One request as the receiver saw it. */
    record Received(String path, Headers headers, byte[] body) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            boolean fail = exchange.getRequestURI().getPath().startsWith("/never")
                    || failuresLeft.getAndDecrement() > 0;
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private String submit(String callbackUrl) {
        return api().contentType(ContentType.JSON).body(Map.of("repository", fixtureRepository().toString(),
                "callbackUrl", callbackUrl)).post("/api/v1/jobs").then().statusCode(202).extract().path("jobId");
    }

    private void complete(String job) {
        topics().produce(Topics.JOB_EVENTS, job, List.of("scrape", "chunk", "dataset", "embed", "training").stream()
                .map(stage -> Json.write(JobEvent.of(job, stage, JobEventType.COMPLETED, 1, 1, stage + " done",
                        null))).toList());
        topics().produce(Topics.TRAINING_REPORTS, job, Json.write(RunRecords.report(job, "demo")));
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void anEndedJobIsPostedSignedAfterARetry() throws Exception {
        failuresLeft.set(1);
        String job = submit(url("/hooks/gitlore?run=1"));
        api().get("/api/v1/jobs/" + job).then().body("callbackUrl", equalTo(url("/hooks/gitlore?run=1")));
        complete(job);
        awaitJob(job, j -> Boolean.TRUE.equals(j.get("callback.delivered")))
                .body("callback.attempts", equalTo(2)).body("callback.status", equalTo(204));

        assertEquals(2, received.size());
        Received last = received.get(1);
        assertEquals("/hooks/gitlore", last.path());
        assertEquals(hmac(last.body()), last.headers().getFirst(CallbackSender.SIGNATURE));
        assertEquals(received.get(0).headers().getFirst(CallbackSender.DELIVERY),
                last.headers().getFirst(CallbackSender.DELIVERY), "one delivery id across the retries");
        assertEquals("job.ended", last.headers().getFirst(CallbackSender.EVENT));
        JsonNode view = Json.MAPPER.readTree(last.body());
        assertEquals(job, view.path("jobId").asText());
        assertEquals("COMPLETED", view.path("status").asText());
        assertEquals(5, view.path("stages").size());
        // A tampered body does not match the signature.
        byte[] tampered = last.body().clone();
        tampered[tampered.length / 2] ^= 1;
        assertTrue(!hmac(tampered).equals(last.headers().getFirst(CallbackSender.SIGNATURE)));
    }

    @Test
    void aReceiverThatNeverAcceptsIsGivenUpAfterTheRetriesAndTheJobSaysSo() {
        String job = submit(url("/never"));
        complete(job);
        awaitJob(job, j -> j.get("callback") != null).body("callback.delivered", equalTo(false))
                .body("callback.attempts", equalTo(3)).body("callback.status", equalTo(503))
                .body("callback.error", containsString("HTTP 503"));
        assertEquals(3, received.size());
    }

    @Test
    void callbackUrlsOffTheAllowlistOrLeadingInsideAreRefused() {
        Map<String, String> refused = Map.of(
                "http://evil.example/hook", "is not allowed",
                "http://169.254.169.254/latest/meta-data", "internal address 169.254.169.254",
                "http://localhost:9/hook", "internal address",
                "ftp://127.0.0.1/hook", "http or https",
                "http://user:secret@127.0.0.1/hook", "credentials",
                "http://127.0.0.1:8080/a b", "not a valid URL",
                "/relative", "http or https");
        refused.forEach((callback, reason) -> api().contentType(ContentType.JSON)
                .body(Map.of("repository", fixtureRepository().toString(), "callbackUrl", callback))
                .post("/api/v1/jobs").then().statusCode(400).body("field", equalTo("callbackUrl"))
                .body("error", containsString(reason)));
        assertTrue(received.isEmpty());
    }
}
