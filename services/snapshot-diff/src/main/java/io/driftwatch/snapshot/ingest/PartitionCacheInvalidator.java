package io.driftwatch.snapshot.ingest;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Clears the ingest cache when partitions of {@code configuration-items} are revoked or lost: another
 * replica may then write the resources of those accounts, so what this one cached may go stale. The
 * whole cache is cleared (with the default eager assignor a rebalance revokes every partition anyway);
 * it warms up again from the next lookups. Named by
 * {@code mp.messaging.incoming.configuration-items.consumer-rebalance-listener.name}.
 */
@ApplicationScoped
@Identifier("snapshot-diff-ingest-cache")
public class PartitionCacheInvalidator implements KafkaConsumerRebalanceListener {
    private static final Logger LOG = Logger.getLogger(PartitionCacheInvalidator.class);

    @Inject
    SnapshotIngestor ingestor;

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        invalidate("revoked", partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        invalidate("lost", partitions);
    }

    private void invalidate(String why, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        int size = ingestor.cache().size();
        ingestor.cache().clear();
        LOG.infof("partitions %s %s: ingest cache cleared (%d entries)", why, partitions, size);
    }
}
