package io.driftwatch.snapshot.ingest;

import io.driftwatch.proto.v1.ResourceChange;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies a batch of collection events in one transaction ({@link BatchIngestor} holds the logic).
 * Changes are published before the transaction commits: a crash in between re-delivers the records
 * and re-publishes the same changes (same change ids), so changes are delivered at least once.
 * The ingest cache ({@link ResourceCache}) is updated only once the transaction has committed.
 */
@ApplicationScoped
public class SnapshotIngestor {
    private BatchIngestor core;

    @ConfigProperty(name = "driftwatch.snapshot.ingest-cache-max-entries", defaultValue = "250000")
    int cacheMaxEntries;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    DataSource dataSource;
    @Inject
    ChangePublisher publisher;
    @Inject
    MeterRegistry metrics;

    @PostConstruct
    void init() {
        core = new BatchIngestor(new ResourceCache(cacheMaxEntries));
    }

    /** The cache of the partitions this consumer owns (cleared by {@link PartitionCacheInvalidator}). */
    public ResourceCache cache() {
        return core.cache();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void handle(List<Prepared> events) {
        List<ResourceChange> changes;
        ResourceCache.Batch batch = core.cache().begin();
        try (Connection c = dataSource.getConnection()) {
            changes = core.ingest(c, events, batch);
        } catch (SQLException e) {
            throw new IllegalStateException("storing collection events failed: " + e.getMessage(), e);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    batch.committed();
                }
            }
        });
        publisher.publish(changes);
        metrics.counter("driftwatch.snapshot.events").increment(events.size());
        metrics.counter("driftwatch.snapshot.changes").increment(changes.size());
    }
}
