package io.gitlore.gateway.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gitlore.gateway.service.NoSuchJobException;
import io.gitlore.gateway.service.RejectedRequestException;
import io.gitlore.gateway.service.StageUnavailableException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the gateway's refusals into statuses with a JSON {@link ApiError}: 400 (with the field to blame, or each
 * broken constraint), 404, 409 and 503.
 */
public class ErrorMappers {

    /**
     * A body that breaks a constraint: 400 naming each field by its path in the body ({@code refs[0]}, not the Java
     * method and parameter), so a caller sees which value to fix.
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(ErrorMappers::onReturnValue)) {
            // The gateway's own answer broke its contract: a defect here, not the caller's fault.
            return error(Response.Status.INTERNAL_SERVER_ERROR, "the gateway's answer was invalid: "
                    + e.getMessage(), null);
        }
        List<ApiError.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new ApiError.Violation(bodyPath(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(ApiError.Violation::field));
        String reason = violations.stream().map(v -> v.field().isEmpty() ? v.message() : v.field() + ": "
                + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request");
        String field = violations.size() == 1 && !violations.get(0).field().isEmpty() ? violations.get(0).field()
                : null;
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(400, reason, field, violations)).build();
    }

    /** Quarkus throws its own subtype, which its own mapper would otherwise answer in another shape. */
    @ServerExceptionMapper
    public Response invalidParameters(ResteasyReactiveViolationException e) {
        return invalid(e);
    }

    @ServerExceptionMapper
    public Response rejected(RejectedRequestException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage(), e.field());
    }

    /** A body that is not JSON, or JSON of the wrong shape (a list where a text belongs): 400, not 500. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return error(Response.Status.BAD_REQUEST, "malformed JSON body: " + e.getOriginalMessage(), null);
    }

    /** JSON of the wrong shape; Quarkus maps this subtype itself otherwise, in another shape. */
    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return malformed(e);
    }

    /** A time in the body beyond what an instant can hold (an epoch number of 15 digits): 400, not 500. */
    @ServerExceptionMapper
    public Response timeOutOfRange(java.time.DateTimeException e) {
        return error(Response.Status.BAD_REQUEST, "a time in the body is not a valid instant: " + e.getMessage(),
                null);
    }

    /**
     * What the framework refuses before a route runs (a body that does not parse, an unknown route or method, a
     * media type it cannot read) comes without a body: give it the same JSON reason as every other error.
     */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response given = e.getResponse();
        if (given.hasEntity()) {
            return given;
        }
        Throwable cause = e.getCause();
        String reason = cause instanceof JsonProcessingException json ? "malformed JSON body: "
                + json.getOriginalMessage() : e.getMessage();
        Response.StatusType status = given.getStatusInfo();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), reason, null)).build();
    }

    @ServerExceptionMapper
    public Response unknown(NoSuchJobException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response conflict(io.gitlore.gateway.service.ConflictException e) {
        return error(Response.Status.CONFLICT, e.getMessage(), null);
    }

    /** A stage's own refusal, answered as the stage gave it (like the relayed routes do). */
    @ServerExceptionMapper
    public Response refusedByStage(io.gitlore.gateway.service.StageRefusedException e) {
        try {
            if (e.body() != null && io.gitlore.contracts.serde.Json.MAPPER.readTree(e.body()).isObject()) {
                return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.body()).build();
            }
        } catch (JsonProcessingException notJson) {
            // answered below with the gateway's own body
        }
        return error(Response.Status.fromStatusCode(e.status()) == null ? Response.Status.BAD_REQUEST
                : Response.Status.fromStatusCode(e.status()), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unavailable(StageUnavailableException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage(), null);
    }

    static Response error(Response.Status status, String reason, String field) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), reason, field)).build();
    }

    /** The path below the request parameter: {@code submit.request.refs[0].<list element>} becomes {@code refs[0]}. */
    static String bodyPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                continue;
            }
            if (node.isInIterable()) {
                out.append('[').append(node.getIndex() != null ? node.getIndex()
                        : node.getKey() != null ? node.getKey() : "").append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                out.append(out.length() > 0 ? "." : "").append(node.getName());
            }
        }
        return out.toString();
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }
}
