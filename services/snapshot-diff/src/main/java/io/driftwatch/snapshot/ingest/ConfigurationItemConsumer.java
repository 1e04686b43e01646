package io.driftwatch.snapshot.ingest;

import io.driftwatch.events.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads collection events in order per account. A record that cannot be decoded or stored fails
 * here and goes to the dead-letter topic with the reason (failure-strategy in application.properties).
 */
@ApplicationScoped
public class ConfigurationItemConsumer {
    @Inject
    SnapshotIngestor ingestor;

    @Incoming("configuration-items")
    @Blocking
    public void consume(byte[] payload) {
        ingestor.handle(EventCodec.COLLECTION_EVENT.decode(payload));
    }
}
