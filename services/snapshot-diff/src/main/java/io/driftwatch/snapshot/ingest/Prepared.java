package io.driftwatch.snapshot.ingest;

import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import java.time.Instant;

/** A decoded, validated collection event, ready for {@link BatchIngestor}. */
public sealed interface Prepared permits Prepared.Item, Prepared.Marker {

    /** {@code keyText} is {@code key.toString()}, made once: ingest uses it several times per item. */
    record Item(ConfigurationItem item, ResourceKey key, Instant captured, String keyText) implements Prepared {
        Item(ConfigurationItem item, ResourceKey key, Instant captured) {
            this(item, key, captured, key.toString());
        }
    }

    record Marker(CollectionRunMarker marker) implements Prepared {
    }

    /** Cheap validation only; the configuration JSON is parsed later, and only if it changed. */
    static Prepared of(CollectionEvent event) {
        switch (event.getEventCase()) {
            case ITEM -> {
                ConfigurationItem item = event.getItem();
                if (item.getAccountId().isEmpty() || item.getResourceType().isEmpty() || item.getResourceId().isEmpty()) {
                    throw new IllegalArgumentException("configuration item lacks account id, resource type or resource id");
                }
                ResourceKey key = new ResourceKey(item.getAccountId(), item.getAwsRegion(), item.getResourceType(),
                        item.getResourceId());
                Instant captured = item.hasCaptureTime() ? BatchIngestor.toInstant(item.getCaptureTime()) : Instant.now();
                return new Item(item, key, captured);
            }
            case MARKER -> {
                CollectionRunMarker m = event.getMarker();
                if (m.getPhase() != CollectionRunMarker.Phase.STARTED && m.getPhase() != CollectionRunMarker.Phase.COMPLETED) {
                    throw new IllegalArgumentException("run marker without a phase");
                }
                if (m.getRunId().isEmpty() || m.getAccountId().isEmpty()) {
                    throw new IllegalArgumentException("run marker lacks run id or account id");
                }
                return new Marker(m);
            }
            default -> throw new IllegalArgumentException("collection event carries neither an item nor a marker");
        }
    }
}
