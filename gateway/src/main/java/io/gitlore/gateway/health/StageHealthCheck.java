package io.gitlore.gateway.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.gitlore.gateway.client.StageCalls;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness of one stage behind the gateway: the stage's own {@code /q/health/ready} answers 200 within the timeout;
 * DOWN names the stage, its URL and why (refused, timed out, or the stage's own status).
 */
abstract class StageHealthCheck implements HealthCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String stage;
    private final String url;
    private final Duration timeout;

    StageHealthCheck(String stage, String url, Duration timeout) {
        this.stage = stage;
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named(stage).withData("url", url);
        try {
            HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
            return ready.statusCode() == 200 ? response.up().build()
                    : response.down().withData("reason", "its readiness answered HTTP " + ready.statusCode()).build();
        } catch (java.net.ConnectException e) {
            return response.down().withData("reason", "connection refused: nothing answers at " + url).build();
        } catch (java.net.http.HttpTimeoutException e) {
            return response.down().withData("reason", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (IOException | IllegalArgumentException e) {
            return response.down().withData("reason", StageCalls.unavailable(stage, url, e).getMessage()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        }
    }
}
