package io.driftwatch.evaluator.compliance;

import io.driftwatch.events.EventCodec;
import io.driftwatch.proto.v1.FindingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Evaluates each resource change and publishes the finding transitions. Publishing after the
 * commit and before the offset commit gives at-least-once delivery; a re-delivered change finds
 * its transition already recorded and publishes nothing.
 */
@ApplicationScoped
public class ResourceChangeConsumer {
    @Inject
    ChangeEvaluator evaluator;
    @Inject
    MeterRegistry metrics;
    @Inject
    @Channel("findings")
    MutinyEmitter<Record<String, byte[]>> findings;

    @Incoming("resource-changes")
    @Blocking
    public void consume(byte[] payload) {
        List<FindingEvent> events = evaluator.evaluate(EventCodec.RESOURCE_CHANGE.decode(payload));
        for (FindingEvent event : events) {
            findings.send(Record.of(event.getFindingId(), event.toByteArray())).await().atMost(Duration.ofSeconds(30));
            metrics.counter("driftwatch.findings.transitions", "transition", event.getTransition().name(),
                    "rule", event.getRuleId()).increment();
        }
    }
}
