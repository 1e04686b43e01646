package io.driftwatch.snapshot.retention;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Deletes history older than the retention window ({@link RetentionWindow}), in chunks:
 * versions that ended before the cutoff, tombstones (ResourceDeleted versions) that began before it,
 * resources left without any version, and snapshots that started before it; also the seen-in-run
 * rows of runs that never completed within a week. A version still valid at
 * some moment inside the window is never deleted, so point-in-time reads inside the window still work.
 */
@ApplicationScoped
public class Pruner {
    private static final Logger LOG = Logger.getLogger(Pruner.class);
    private static final int CHUNK = 5000;
    /** A run still open after this long never completes (the collector gave up or crashed). */
    private static final java.time.Duration STALE_RUN = java.time.Duration.ofDays(7);

    @Inject
    DataSource dataSource;
    @Inject
    RetentionSettings settings;

    @Scheduled(every = "${driftwatch.snapshot.retention-prune-interval:1h}", delayed = "${driftwatch.snapshot.retention-prune-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Map<String, Long> pruned = prune(Instant.now());
        if (pruned.values().stream().anyMatch(n -> n > 0)) {
            LOG.infof("retention pruning: %s", pruned);
        }
    }

    public Map<String, Long> prune(Instant now) {
        Timestamp cutoff = Timestamp.from(settings.window().cutoff(now));
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            out.put("versions", repeat(c, """
                    DELETE FROM resource_version WHERE id IN (
                      SELECT id FROM resource_version WHERE valid_from < ? AND valid_to IS NOT NULL AND valid_to < ? LIMIT %d)"""
                    .formatted(CHUNK), cutoff, cutoff)); // valid_from <= valid_to: its bound lets the planner use the valid_from index
            out.put("tombstones", repeat(c, """
                    DELETE FROM resource_version WHERE id IN (
                      SELECT v.id FROM resource_version v JOIN resource r ON r.id = v.resource_pk
                      WHERE v.valid_to IS NULL AND v.status = 'ResourceDeleted' AND v.valid_from < ? AND r.deleted LIMIT %d)"""
                    .formatted(CHUNK), cutoff));
            out.put("resources", repeat(c, """
                    DELETE FROM resource WHERE id IN (
                      SELECT r.id FROM resource r WHERE r.deleted AND r.last_seen < ?
                        AND NOT EXISTS (SELECT 1 FROM resource_version v WHERE v.resource_pk = r.id) LIMIT %d)"""
                    .formatted(CHUNK), cutoff));
            // Seen-in-run rows of runs that never completed (completed runs delete their own).
            out.put("runSeen", repeat(c, """
                    DELETE FROM run_seen WHERE ctid IN (SELECT ctid FROM run_seen WHERE seen_at < ? LIMIT %d)""".formatted(CHUNK),
                    Timestamp.from(now.minus(STALE_RUN))));
            out.put("snapshots", repeat(c, """
                    DELETE FROM collection_snapshot WHERE (run_id, account_id) IN (
                      SELECT run_id, account_id FROM collection_snapshot WHERE started_at < ? LIMIT %d)""".formatted(CHUNK), cutoff));
        } catch (SQLException e) {
            throw new IllegalStateException("retention pruning failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Runs the statement with these parameters until it deletes less than a chunk. */
    private static long repeat(Connection c, String sql, Timestamp... parameters) throws SQLException {
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setTimestamp(i + 1, parameters[i]);
            }
            while (true) {
                int n = ps.executeUpdate();
                total += n;
                if (n < CHUNK) {
                    return total;
                }
            }
        }
    }
}
