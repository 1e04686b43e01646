package io.driftwatch.events;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes {@code driftwatch.configuration-items} values in the Kafka client, that is on the polling
 * thread, while the consumer method is still storing the previous batch. Items are read only as far
 * as their head ({@link LazyCollectionEvent}): the rest is parsed by the consumer, and only for items
 * that are not unchanged. It never throws: an undecodable value arrives as a failed
 * {@link DecodedEvent}, so it still takes the consumer's dead-letter path with its reason instead of
 * failing inside the Kafka client.
 */
public class CollectionEventDeserializer implements Deserializer<DecodedEvent<LazyCollectionEvent>> {
    @Override
    public DecodedEvent<LazyCollectionEvent> deserialize(String topic, byte[] data) {
        try {
            return new DecodedEvent<>(LazyCollectionEvent.parse(data), data, null);
        } catch (RuntimeException e) {
            return new DecodedEvent<>(null, data, e);
        }
    }
}
