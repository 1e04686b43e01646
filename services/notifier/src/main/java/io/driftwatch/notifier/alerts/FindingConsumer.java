package io.driftwatch.notifier.alerts;

import io.driftwatch.events.EventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Turns finding transitions into OCSF alerts on driftwatch.alerts (and queued webhook deliveries). */
@ApplicationScoped
public class FindingConsumer {
    @Inject
    AlertService alerts;
    @Inject
    MeterRegistry metrics;
    @Inject
    @Channel("alerts")
    MutinyEmitter<Record<String, String>> alertStream;

    @Incoming("findings")
    @Blocking
    public void consume(byte[] payload) {
        var event = EventCodec.FINDING_EVENT.decode(payload);
        alerts.record(event).ifPresent(alert -> {
            alertStream.send(Record.of(alert.key(), alert.json())).await().atMost(Duration.ofSeconds(30));
            metrics.counter("driftwatch.alerts.published", "transition", event.getTransition().name()).increment();
        });
    }
}
