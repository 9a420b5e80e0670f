package io.gitlore.contracts.serde;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer: any contract record to JSON bytes. */
public class JsonSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : Json.write(data);
    }
}
