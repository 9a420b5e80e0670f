package io.gitlore.gateway.callback;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.gitlore.gateway.config.GatewayConfig;
import io.gitlore.gateway.service.CallbackTargets;
import io.gitlore.gateway.store.CallbackDelivery;
import io.smallrye.faulttolerance.api.Guard;

/**
 * POSTs a JSON body to a job's callback URL, signed with HMAC-SHA256 over the exact bytes sent
 * ({@code X-Gitlore-Signature-256: sha256=<hex>}), and retries under a SmallRye Fault Tolerance {@link Guard}
 * (exponential backoff, capped) until the receiver answers 2xx or the retries run out; gives how it went.
 */
public final class CallbackSender {

    public static final String SIGNATURE = "X-Gitlore-Signature-256";
    public static final String DELIVERY = "X-Gitlore-Delivery";
    public static final String EVENT = "X-Gitlore-Event";

    /** One failed attempt: the receiver's status (0 when it did not answer) and why. */
    static final class AttemptFailed extends RuntimeException {
        final int status;

        AttemptFailed(int status, String reason, Throwable cause) {
            super(reason, cause);
            this.status = status;
        }
    }

    private final GatewayConfig.Callbacks config;
    private final CallbackTargets targets;
    private final HttpClient http;
    private final Guard guard;
    private final byte[] secret;

    public CallbackSender(GatewayConfig.Callbacks config) {
        this.config = config;
        this.targets = new CallbackTargets(config);
        this.secret = config.secret().orElse("").getBytes(StandardCharsets.UTF_8);
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.guard = Guard.create()
                .withDescription("job callback")
                .withRetry()
                .retryOn(AttemptFailed.class)
                .maxRetries(config.maxRetries())
                .delay(config.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                .maxDuration(0, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(Math.max(config.maxBackoff().toMillis(), config.initialBackoff().toMillis() + 1),
                        ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }

    public CallbackTargets targets() {
        return targets;
    }

    /** Delivers {@code body} for {@code jobId} (blocking through the retries); never throws for the receiver's sake. */
    public CallbackDelivery deliver(String jobId, String callbackUrl, byte[] body) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<AttemptFailed> last = new AtomicReference<>();
        String delivery = UUID.nameUUIDFromBytes((jobId + "|callback").getBytes(StandardCharsets.UTF_8)).toString();
        try {
            int status = guard.call(() -> {
                attempts.incrementAndGet();
                try {
                    return attempt(jobId, callbackUrl, body, delivery);
                } catch (AttemptFailed e) {
                    last.set(e);
                    throw e;
                }
            }, Integer.class);
            return new CallbackDelivery(true, attempts.get(), status, null, Instant.now());
        } catch (AttemptFailed e) {
            return new CallbackDelivery(false, attempts.get(), e.status, e.getMessage(), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallbackDelivery(false, attempts.get(), 0, "interrupted", Instant.now());
        } catch (Exception e) {
            // A refused target (the name now resolves inside) is not retried.
            return new CallbackDelivery(false, attempts.get(), last.get() == null ? 0 : last.get().status,
                    e.getMessage(), Instant.now());
        }
    }

    private int attempt(String jobId, String callbackUrl, byte[] body, String delivery) {
        URI target = targets.check(callbackUrl);
        HttpRequest request = HttpRequest.newBuilder(target).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "gitlore-gateway")
                .header(EVENT, "job.ended")
                .header(DELIVERY, delivery)
                .header("X-Gitlore-Job", jobId)
                .header(SIGNATURE, "sha256=" + sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new AttemptFailed(0, "no answer from " + target + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptFailed(0, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AttemptFailed(response.statusCode(), target + " answered HTTP " + response.statusCode(), null);
        }
        return response.statusCode();
    }

    /** The hex HMAC-SHA256 of the body under the configured secret: what a receiver recomputes to trust it. */
    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
