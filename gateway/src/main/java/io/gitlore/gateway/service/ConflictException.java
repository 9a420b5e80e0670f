package io.gitlore.gateway.service;

/** A request the job's state does not allow (cancelling a job that has already ended): 409 with the reason. */
public class ConflictException extends RuntimeException {

    public ConflictException(String reason) {
        super(reason);
    }
}
