package io.gitlore.gateway.service;

/** A stage refused what the gateway passed on (4xx): the route answers the stage's status and body as they are. */
public class StageRefusedException extends RuntimeException {

    private final int status;
    private final String body;

    public StageRefusedException(int status, String body) {
        super("the stage refused the request with HTTP " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
