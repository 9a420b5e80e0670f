package io.gitlore.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error the gateway itself answers: the status, the reason, the field to blame when there is one,
 * and for a body that breaks the request's constraints each broken field with its reason.
 */
@Schema(name = "ApiError", description = "Why the gateway refused or could not answer a request.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String field, List<Violation> violations) {

    public ApiError(int status, String error, String field) {
        this(status, error, field, null);
    }

    /** One broken constraint: the field's path in the body and the reason. */
    public record Violation(String field, String message) {
    }
}
