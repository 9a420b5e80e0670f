package io.gitlore.gateway.store;

import java.time.Instant;

/**
 * How a job's callback went: delivered or given up, after how many attempts, the last HTTP status (0 when no answer)
 * and the last error, and when.
 */
public record CallbackDelivery(boolean delivered, int attempts, int status, String error, Instant at) {
}
