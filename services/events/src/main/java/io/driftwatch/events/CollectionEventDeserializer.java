package io.driftwatch.events;

import io.driftwatch.proto.v1.CollectionEvent;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes {@code driftwatch.configuration-items} values in the Kafka client, that is on the polling
 * thread, while the consumer method is still storing the previous batch. It never throws: an
 * undecodable value arrives as a failed {@link DecodedEvent}, so it still takes the consumer's
 * dead-letter path with its reason instead of failing inside the Kafka client.
 */
public class CollectionEventDeserializer implements Deserializer<DecodedEvent<CollectionEvent>> {
    @Override
    public DecodedEvent<CollectionEvent> deserialize(String topic, byte[] data) {
        try {
            return new DecodedEvent<>(EventCodec.COLLECTION_EVENT.decode(data), data, null);
        } catch (RuntimeException e) {
            return new DecodedEvent<>(null, data, e);
        }
    }
}
