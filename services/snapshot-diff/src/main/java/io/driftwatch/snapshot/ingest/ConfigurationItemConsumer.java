package io.driftwatch.snapshot.ingest;

import io.driftwatch.events.EventCodec;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads collection events in batches (one Kafka poll), in order per account. Records that cannot be
 * decoded or validated go to the dead-letter topic one by one, with the reason in headers; the
 * valid records of the batch are stored in one transaction. If that transaction fails, the batch
 * is replayed record by record, each in its own transaction, so only the failing records are
 * dead-lettered.
 */
@ApplicationScoped
public class ConfigurationItemConsumer {
    private static final Logger LOG = Logger.getLogger(ConfigurationItemConsumer.class);

    @Inject
    SnapshotIngestor ingestor;
    @Inject
    DeadLetters deadLetters;

    @Incoming("configuration-items")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Prepared> events = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(Prepared.of(EventCodec.COLLECTION_EVENT.decode(record.value())));
                sources.add(record);
            } catch (RuntimeException e) {
                LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                deadLetters.send(record, e);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            ingestor.handle(events);
        } catch (RuntimeException batchFailure) {
            LOG.warnf("batch of %d events failed (%s); replaying one by one", events.size(), batchFailure.getMessage());
            for (int i = 0; i < events.size(); i++) {
                try {
                    ingestor.handle(List.of(events.get(i)));
                } catch (RuntimeException e) {
                    ConsumerRecord<String, byte[]> record = sources.get(i);
                    LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                    deadLetters.send(record, e);
                }
            }
        }
    }
}
