package io.gitlore.contracts.serde;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer: any contract record to JSON bytes. */
public class JsonSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : Json.write(data);
    }
}
