package io.driftwatch.events;

import org.apache.kafka.common.serialization.Serializer;

/** The mirror of {@link CollectionEventDeserializer}: writes a record back exactly as it arrived (for dead letters). */
public class CollectionEventSerializer implements Serializer<DecodedEvent<LazyCollectionEvent>> {
    @Override
    public byte[] serialize(String topic, DecodedEvent<LazyCollectionEvent> data) {
        return data == null ? null : data.bytes();
    }
}
