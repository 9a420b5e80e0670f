package io.gitlore.gateway.mcp;

import java.util.Comparator;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gitlore.contracts.serde.Json;
import io.gitlore.gateway.service.ConflictException;
import io.gitlore.gateway.service.NoSuchJobException;
import io.gitlore.gateway.service.RejectedRequestException;
import io.gitlore.gateway.service.StageRefusedException;
import io.gitlore.gateway.service.StageUnavailableException;
import io.quarkiverse.mcp.server.ToolResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

/**
 * Turns what a gateway operation gives (a view, a report, a relayed stage {@link Response}) into a tool's JSON text,
 * and its refusals (a bad argument, an unknown job, a job that has already ended, a stage's 4xx, a stage that is
 * down) into a tool error with the same status and reason the HTTP route gives, so an agent can read it and retry.
 */
@ApplicationScoped
public class ToolAnswers {

    private final Validator validator;

    public ToolAnswers(Validator validator) {
        this.validator = validator;
    }

    /** Checks {@code request} with its Bean Validation constraints (as the route does), then answers. */
    public ToolResponse checked(Object request, Supplier<?> operation) {
        Set<? extends ConstraintViolation<?>> violations = validator.validate(request);
        return violations.isEmpty() ? of(operation) : ToolResponse.error("400 " + describe(violations));
    }

    public ToolResponse of(Supplier<?> operation) {
        try {
            Object result = operation.get();
            if (result instanceof Response relayed) {
                return relayed(relayed);
            }
            return ToolResponse.success(Json.MAPPER.writeValueAsString(result));
        } catch (RejectedRequestException e) {
            return ToolResponse.error("400 " + e.field() + ": " + e.getMessage());
        } catch (ConstraintViolationException e) {
            return ToolResponse.error("400 " + describe(e.getConstraintViolations()));
        } catch (NoSuchJobException e) {
            return ToolResponse.error("404 " + e.getMessage());
        } catch (ConflictException e) {
            return ToolResponse.error("409 " + e.getMessage());
        } catch (StageRefusedException e) {
            return ToolResponse.error(e.status() + " " + e.body());
        } catch (StageUnavailableException e) {
            return ToolResponse.error("503 " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a gateway view that does not serialise", e);
        }
    }

    private static ToolResponse relayed(Response response) {
        try (response) {
            String body = response.hasEntity() ? String.valueOf(response.getEntity()) : "";
            return response.getStatus() < 400 ? ToolResponse.success(body)
                    : ToolResponse.error(response.getStatus() + " " + body);
        }
    }

    private static String describe(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> leaf(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .collect(Collectors.joining("; "));
    }

    /** {@code search.request.k} or {@code k} → {@code k}: the argument an agent gave. */
    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
