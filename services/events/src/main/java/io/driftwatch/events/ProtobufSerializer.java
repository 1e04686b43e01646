package io.driftwatch.events;

import com.google.protobuf.Message;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for any Driftwatch protobuf event. */
public class ProtobufSerializer implements Serializer<Message> {
    @Override
    public byte[] serialize(String topic, Message data) {
        return data == null ? null : data.toByteArray();
    }
}
