package io.driftwatch.snapshot.ingest;

import io.driftwatch.proto.v1.ResourceChange;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Applies a batch of collection events in one transaction ({@link BatchIngestor} holds the logic).
 * Changes are published before the transaction commits: a crash in between re-delivers the records
 * and re-publishes the same changes (same change ids), so changes are delivered at least once.
 */
@ApplicationScoped
public class SnapshotIngestor {
    private final BatchIngestor core = new BatchIngestor();

    @Inject
    DataSource dataSource;
    @Inject
    ChangePublisher publisher;
    @Inject
    MeterRegistry metrics;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void handle(List<Prepared> events) {
        List<ResourceChange> changes;
        try (Connection c = dataSource.getConnection()) {
            changes = core.ingest(c, events);
        } catch (SQLException e) {
            throw new IllegalStateException("storing collection events failed: " + e.getMessage(), e);
        }
        publisher.publish(changes);
        metrics.counter("driftwatch.snapshot.events").increment(events.size());
        metrics.counter("driftwatch.snapshot.changes").increment(changes.size());
    }
}
