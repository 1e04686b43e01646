package io.driftwatch.snapshot.ingest;

import io.driftwatch.proto.v1.ResourceChange;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes resource changes keyed by resource key and waits for the broker's acknowledgement. */
@ApplicationScoped
public class ChangePublisher {
    @Inject
    @Channel("resource-changes")
    MutinyEmitter<Record<String, byte[]>> emitter;

    public void publish(List<ResourceChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        var sends = changes.stream()
                .map(c -> emitter.send(Record.of(new ResourceKey(c.getAccountId(), c.getAwsRegion(),
                        c.getResourceType(), c.getResourceId()).toString(), c.toByteArray())))
                .toList();
        for (var send : sends) {
            send.await().atMost(Duration.ofSeconds(30));
        }
    }
}
