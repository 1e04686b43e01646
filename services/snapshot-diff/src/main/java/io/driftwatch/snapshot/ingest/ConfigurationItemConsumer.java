package io.driftwatch.snapshot.ingest;

import io.driftwatch.events.DecodedEvent;
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
 * Reads collection events in batches (one Kafka poll), in order per account. The Kafka client has
 * already decoded and validated them ({@link PreparedEventDeserializer}) on its polling thread, while
 * the previous batch was being stored; the rest of an item is parsed only if the item is not unchanged. Records that could not be decoded or validated go to the dead-letter topic one by
 * one, with the reason in headers; the valid records of the batch are stored in one transaction. If
 * that transaction fails (including on an item whose rest turns out not to be valid protobuf), the
 * batch is replayed record by record, each in its own transaction, so only the failing records are
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
    public void consume(ConsumerRecords<String, DecodedEvent<Prepared>> records) {
        List<Prepared> events = new ArrayList<>(records.count());
        List<ConsumerRecord<String, DecodedEvent<Prepared>>> sources = new ArrayList<>(records.count());
        for (ConsumerRecord<String, DecodedEvent<Prepared>> record : records) {
            try {
                DecodedEvent<Prepared> value = record.value();
                if (value == null) {
                    throw new IllegalArgumentException("empty record value");
                }
                if (!value.decoded()) {
                    throw value.failure();
                }
                events.add(value.event());
                sources.add(record);
            } catch (RuntimeException e) {
                LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                deadLetters.send(record, bytes(record), e);
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
                    ConsumerRecord<String, DecodedEvent<Prepared>> record = sources.get(i);
                    LOG.warnf("dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
                    deadLetters.send(record, bytes(record), e);
                }
            }
        }
    }

    /** The record's value exactly as it arrived. */
    private static byte[] bytes(ConsumerRecord<String, DecodedEvent<Prepared>> record) {
        return record.value() == null ? null : record.value().bytes();
    }
}
