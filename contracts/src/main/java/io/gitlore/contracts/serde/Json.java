package io.gitlore.contracts.serde;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapping of the wire contracts: ISO-8601 instants, unknown fields ignored (forward compatible). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a consumed message, rejecting it with an {@link IllegalArgumentException} that names {@code what} when it
     * does not parse or carries no job id; the consumers' dead-letter strategy sends such a message to the DLQ.
     */
    public static <T> T readMessage(byte[] payload, Class<T> type, String what,
                                    java.util.function.Function<T, String> jobId) {
        T message;
        try {
            message = read(payload, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed " + what + ": " + e.getMessage(), e);
        }
        if (message == null || jobId.apply(message) == null || jobId.apply(message).isBlank()) {
            throw new IllegalArgumentException(what + " without a job id");
        }
        return message;
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
