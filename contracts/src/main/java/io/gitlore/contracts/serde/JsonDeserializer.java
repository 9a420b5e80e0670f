package io.gitlore.contracts.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer: JSON bytes to one contract type; a malformed payload raises {@link SerializationException}
 * with the topic and the reason, which the consuming channel routes to its dead-letter topic.
 */
public abstract class JsonDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected JsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            T value = Json.MAPPER.readValue(data, type);
            if (value == null) {
                throw new SerializationException("Empty " + type.getSimpleName() + " on " + topic);
            }
            return value;
        } catch (java.io.IOException e) {
            throw new SerializationException("Not a valid " + type.getSimpleName() + " on " + topic + ": "
                    + e.getMessage(), e);
        }
    }
}
