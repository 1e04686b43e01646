package io.driftwatch.events;

import io.driftwatch.proto.v1.CollectionEvent;
import org.apache.kafka.common.serialization.Serializer;

/** The mirror of {@link CollectionEventDeserializer}: writes a record back exactly as it arrived (for dead letters). */
public class CollectionEventSerializer implements Serializer<DecodedEvent<CollectionEvent>> {
    @Override
    public byte[] serialize(String topic, DecodedEvent<CollectionEvent> data) {
        return data == null ? null : data.bytes();
    }
}
