package io.gitlore.testsupport;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Checks every gitlore service exposes: readiness with Kafka and the data directory, and Prometheus metrics. */
public final class ServiceEndpoints {

    private ServiceEndpoints() {
    }

    public static void assertHealthyWithMetrics(URL ready, URL metrics) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(ready.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() != 200 || !health.body().contains("\"data-dir\"")
                || !health.body().contains("SmallRye Reactive Messaging")) {
            throw new AssertionError("readiness should be UP with Kafka and data-dir checks: " + health.statusCode()
                    + " " + health.body());
        }
        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(metrics.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (prometheus.statusCode() != 200 || !prometheus.body().contains("jvm_memory_used_bytes")) {
            throw new AssertionError("Prometheus metrics missing: " + prometheus.statusCode());
        }
    }
}
