package io.driftwatch.collector.run;

import io.driftwatch.events.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Collects the account each request names. Requests of one consumer group are spread over the
 * collector replicas by partition (keyed by account); inside a replica, up to
 * driftwatch.collector.account-concurrency accounts run at once on the collector-accounts pool.
 */
@ApplicationScoped
public class CollectionRequestConsumer {
    @Inject
    AccountCollector collector;

    @Incoming("collection-requests")
    @Blocking(value = "collector-accounts", ordered = false)
    public void consume(byte[] payload) {
        collector.collect(EventCodec.COLLECTION_REQUEST.decode(payload));
    }
}
