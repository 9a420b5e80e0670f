package io.gitlore.gateway.service;

/** A stage (or the broker) the gateway needs did not answer: 503 with which one and why. */
public class StageUnavailableException extends RuntimeException {

    public StageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
