package io.gitlore.gateway.rest;

/** The body of every error the gateway itself answers: the status, the reason and, when one is to blame, the field. */
public record ApiError(int status, String error, String field) {
}
