package io.gitlore.gateway.service;

/** A request the gateway refuses for a reason tied to one field (400 with the field and the reason). */
public class RejectedRequestException extends RuntimeException {

    private final String field;

    public RejectedRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
