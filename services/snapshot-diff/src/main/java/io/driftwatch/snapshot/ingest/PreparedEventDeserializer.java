package io.driftwatch.snapshot.ingest;

import io.driftwatch.events.CollectionEventDeserializer;
import io.driftwatch.events.DecodedEvent;
import io.driftwatch.events.LazyCollectionEvent;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes and validates {@code driftwatch.configuration-items} values on the Kafka client's polling
 * thread, which is otherwise idle while the consumer method stores the previous batch: each record's
 * head ({@link CollectionEventDeserializer}), its validation ({@link Prepared#of}) and, for items, the
 * work {@link Prepared.Item#lookAhead} can do ahead with the ingest cache. It never throws: a value
 * that cannot be decoded or validated arrives as a failed {@link DecodedEvent}, which the consumer
 * dead-letters with its reason.
 */
public class PreparedEventDeserializer implements Deserializer<DecodedEvent<Prepared>> {
    private final CollectionEventDeserializer events = new CollectionEventDeserializer();
    private ResourceCache cache;
    private Prepared.Item previous; // the Kafka client calls a deserializer from its polling thread only

    /** As the Kafka client creates it from configuration: the cache is the service's, found in {@link #configure}. */
    public PreparedEventDeserializer() {
    }

    /** With the ingest cache to look ahead in (null: no look-ahead). */
    public PreparedEventDeserializer(ResourceCache cache) {
        this.cache = cache;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (cache == null) {
            cache = CDI.current().select(SnapshotIngestor.class).get().cache();
        }
    }

    @Override
    public DecodedEvent<Prepared> deserialize(String topic, byte[] data) {
        DecodedEvent<LazyCollectionEvent> decoded = events.deserialize(topic, data);
        if (!decoded.decoded()) {
            return new DecodedEvent<>(null, data, decoded.failure());
        }
        try {
            Prepared prepared = Prepared.of(decoded.event());
            if (prepared instanceof Prepared.Item item && cache != null) {
                item.lookAhead(cache, previous);
                previous = item;
            }
            return new DecodedEvent<>(prepared, data, null);
        } catch (RuntimeException e) {
            return new DecodedEvent<>(null, data, e);
        }
    }
}
