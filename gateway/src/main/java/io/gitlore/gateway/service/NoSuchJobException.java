package io.gitlore.gateway.service;

/** A job id the store does not know, or a report not stored yet (404 with the reason). */
public class NoSuchJobException extends RuntimeException {

    public NoSuchJobException(String message) {
        super(message);
    }
}
