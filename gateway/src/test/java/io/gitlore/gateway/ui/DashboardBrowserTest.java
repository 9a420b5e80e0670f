package io.gitlore.gateway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitlore.contracts.Topics;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.mcp.FreshGatewayProfile;
import io.gitlore.testsupport.FixtureRepo;
import io.gitlore.testsupport.KafkaTestResource;
import io.gitlore.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against a running gateway fed with a real job: the 45 events and the training
 * report of a real run of the whole pipeline (gitlore's own history, recorded from its Kafka log and model
 * directory) are replayed on the topics under a job submitted here. The job page must draw live progress bars while
 * the events stream in, then the stage timeline and the loss and perplexity charts with the baselines; the jobs list
 * shows the bars, and a search shows its hit with highlighted code. Leaves a screenshot in
 * {@code target/dashboard.png}.
 */
@QuarkusTest
@TestProfile(FreshGatewayProfile.class)
@QuarkusTestResource(KafkaTestResource.class)
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ChromeDriver browser;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @TestHTTPResource("/")
    URI root;

    @BeforeAll
    static void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The recorded events, re-keyed to {@code job} (the replay is a new job of this gateway). */
    private static List<byte[]> events(String job) throws IOException {
        return resource("job-events.jsonl").lines().map(line -> {
            try {
                ObjectNode event = (ObjectNode) Json.MAPPER.readTree(line);
                event.put("jobId", job).put("id", event.path("id").asText() + "-" + job);
                return Json.MAPPER.writeValueAsBytes(event);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardBrowserTest.class.getResourceAsStream("/dashboard/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private WebElement await(By by) {
        return new WebDriverWait(browser, WAIT).until(d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** Waits until {@code condition} holds, reading the page afresh each time (it is redrawn on every event). */
    private void until(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private String text(String css) {
        return (String) js("const e = document.querySelector(arguments[0]); return e ? e.textContent : null", css);
    }

    private double fraction(String stage) {
        return Double.parseDouble((String) js("return document.querySelector(arguments[0]).dataset.fraction",
                "#progress .stage[data-stage='" + stage + "'] .fill"));
    }

    @Test
    void theJobPageDrawsLiveProgressAndTheTrainingCurves() throws Exception {
        Path repository = Path.of("target/test-repos").resolve("ui-" + UUID.randomUUID()).toAbsolutePath();
        try (FixtureRepo repo = FixtureRepo.init(repository)) {
            repo.write("src/lib.rs", "pub fn parse() {}\n").commit("parse");
        }
        String job = RestAssured.given().header("X-API-Key", "test-key").contentType(ContentType.JSON)
                .body(Map.of("repository", repository.toString())).post("/api/v1/jobs").then().statusCode(202)
                .extract().path("jobId");
        List<byte[]> events = events(job);
        TopicReader topics = new TopicReader(kafka);
        // Up to the training's step 100: scrape, chunk and dataset done, training and embedding under way.
        int cut = 22;
        topics.produce(Topics.JOB_EVENTS, job, events.subList(0, cut));

        // The page and its scripts are the gateway's own: a CSP forbids any other origin.
        RestAssured.given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.startsWith("default-src 'self'"));
        browser.get(root.resolve("/#/jobs/" + job).toString());
        await(By.id("api-key")).sendKeys("test-key");
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        until(d -> "100 / 3730".equals(text("#progress .stage[data-stage=training] .count")));
        assertEquals(1.0, fraction("scrape"));
        assertEquals(1.0, fraction("dataset"));
        assertEquals(100.0 / 3730, fraction("training"), 1e-3);
        assertEquals("RUNNING", text(".job-head .badge"));

        // The rest arrives live over the SSE stream, then the report on its own topic.
        topics.produce(Topics.JOB_EVENTS, job, events.subList(cut, events.size()));
        ObjectNode report = (ObjectNode) Json.MAPPER.readTree(resource("training-report.json"));
        report.put("jobId", job);
        topics.produce(Topics.TRAINING_REPORTS, job, Json.MAPPER.writeValueAsBytes(report));
        until(d -> "COMPLETED".equals(text(".job-head .badge")));
        assertEquals(1.0, fraction("training"));
        assertEquals(1.0, fraction("embed"));
        await(By.id("loss-chart"));
        long points = (Long) js("return Chart.getChart(arguments[0]).data.datasets[0].data.length",
                browser.findElement(By.id("loss-chart")));
        assertEquals(report.path("history").path("steps").size(), points);
        @SuppressWarnings("unchecked")
        List<String> curves = (List<String>) js("return Chart.getChart(arguments[0]).data.datasets.map(d => d.label)",
                browser.findElement(By.id("perplexity-chart")));
        assertTrue(curves.contains("bigram 48.6") && curves.contains("unigram 390.2"), curves.toString());
        assertEquals(5L, js("return Chart.getChart(arguments[0]).data.labels.length",
                browser.findElement(By.id("timeline-chart"))));
        Files.write(Path.of("target/dashboard.png"), browser.getScreenshotAs(OutputType.BYTES));
        String text = browser.findElement(By.id("report")).getText();
        assertTrue(text.contains("152.83") && text.contains("48.57") && text.contains("6.28 GiB of 23.54 GiB"), text);
        assertTrue((Boolean) js("const c = arguments[0]; const d = c.getContext('2d').getImageData(0, 0, c.width,"
                + " c.height).data; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; } return false",
                browser.findElement(By.id("perplexity-chart"))), "the perplexity chart has pixels");

        browser.get(root.resolve("/#/").toString());
        WebElement row = await(By.cssSelector("tr[data-job='" + job + "']"));
        assertEquals(5, row.findElements(By.cssSelector(".stage[data-state=COMPLETED]")).size());

        browser.get(root.resolve("/#/search/" + job).toString());
        await(By.name("query")).sendKeys("parse the flags");
        browser.findElement(By.cssSelector("#search button")).click();
        until(d -> !List.of("", "searching...").contains(String.valueOf(text("#hits"))));
        // StandInStages answers three units: parse and main (current) and old_parse (deleted).
        assertTrue(text("#hits").startsWith("3 hits"), text("#hits"));
        WebElement hit = browser.findElement(By.cssSelector("#hits .hit"));
        assertTrue(hit.getText().contains("src/lib.rs"), hit.getText());
        assertTrue(!hit.findElements(By.cssSelector("code.language-rust .token.keyword")).isEmpty(),
                "the hit's code is highlighted as Rust");
    }

    /**
     * A real report whose test split came out empty (a 24-commit repository: 22 train, 2 validation, 0 test commits):
     * its test figures and baselines are "NaN". The page still draws the curves it has and says n/a for the rest.
     */
    @Test
    void aReportWithoutTestFiguresStillDrawsItsCurves() throws Exception {
        String job = "ui-" + UUID.randomUUID();
        ObjectNode report = (ObjectNode) Json.MAPPER.readTree(resource("training-report-empty-test-split.json"));
        report.put("jobId", job);
        new TopicReader(kafka).produce(Topics.TRAINING_REPORTS, job, Json.MAPPER.writeValueAsBytes(report));
        String url = root.resolve("/#/jobs/" + job).toString();
        browser.get(url);
        if (!browser.findElements(By.cssSelector("#login-state")).isEmpty()
                && browser.findElement(By.id("login-state")).getText().isEmpty()) {
            browser.findElement(By.id("api-key")).sendKeys("test-key");
            browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        }
        until(d -> {
            d.navigate().refresh();
            return !d.findElements(By.id("loss-chart")).isEmpty();
        });
        @SuppressWarnings("unchecked")
        List<String> curves = (List<String>) js("return Chart.getChart(arguments[0]).data.datasets.map(d => d.label)",
                browser.findElement(By.id("perplexity-chart")));
        assertEquals(List.of("train", "validation"), curves);
        String text = browser.findElement(By.id("report")).getText();
        assertTrue(text.contains("bigram n/a") && text.contains("4 of 230 planned"), text);
    }
}
