package io.driftwatch.snapshot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.FieldChange;
import io.driftwatch.proto.v1.ListingOutcome;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.diff.ConfigurationDiffer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Turns collection events into resource history. A new version is stored only when the canonical
 * hash changes; deletions are inferred at the end of a run, and only for listings that completed.
 * Changes are published before the transaction commits: a crash in between re-delivers the record
 * and re-publishes the same change (same change id), so changes are delivered at least once.
 */
@ApplicationScoped
public class SnapshotIngestor {
    @Inject
    DataSource dataSource;
    @Inject
    ChangePublisher publisher;
    @Inject
    MeterRegistry metrics;

    @Transactional
    public void handle(CollectionEvent event) {
        List<ResourceChange> changes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            switch (event.getEventCase()) {
                case ITEM -> ingest(c, event.getItem(), changes);
                case MARKER -> onMarker(c, event.getMarker(), changes);
                default -> throw new IllegalArgumentException("collection event carries neither an item nor a marker");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing collection event failed: " + e.getMessage(), e);
        }
        publisher.publish(changes);
        metrics.counter("driftwatch.snapshot.changes").increment(changes.size());
    }

    private void onMarker(Connection c, CollectionRunMarker marker, List<ResourceChange> changes) throws SQLException {
        Instant at = toInstant(marker.getAt());
        if (marker.getPhase() == CollectionRunMarker.Phase.STARTED) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO collection_snapshot (run_id, account_id, started_at) VALUES (?, ?, ?)
                    ON CONFLICT (run_id, account_id) DO NOTHING""")) {
                ps.setString(1, marker.getRunId());
                ps.setString(2, marker.getAccountId());
                ps.setObject(3, java.sql.Timestamp.from(at));
                ps.executeUpdate();
            }
            return;
        }
        if (marker.getPhase() != CollectionRunMarker.Phase.COMPLETED) {
            throw new IllegalArgumentException("run marker without a phase");
        }
        long removed = 0;
        if (marker.getAccountError().isEmpty()) {
            for (ListingOutcome listing : marker.getListingsList()) {
                if (listing.getStatus() == ListingOutcome.Status.COMPLETE) {
                    removed += inferDeletions(c, marker, listing, at, changes);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO collection_snapshot (run_id, account_id, started_at, completed_at, account_error, listings, items_seen, changes)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (run_id, account_id) DO UPDATE SET completed_at = EXCLUDED.completed_at,
                  account_error = EXCLUDED.account_error, listings = EXCLUDED.listings, items_seen = EXCLUDED.items_seen,
                  changes = collection_snapshot.changes + EXCLUDED.changes""")) {
            ps.setString(1, marker.getRunId());
            ps.setString(2, marker.getAccountId());
            ps.setObject(3, java.sql.Timestamp.from(at));
            ps.setObject(4, java.sql.Timestamp.from(at));
            ps.setString(5, marker.getAccountError().isEmpty() ? null : marker.getAccountError());
            ps.setString(6, listingsJson(marker));
            ps.setLong(7, marker.getItemsPublished());
            ps.setLong(8, removed);
            ps.executeUpdate();
        }
    }

    private long inferDeletions(Connection c, CollectionRunMarker marker, ListingOutcome listing, Instant at,
                                List<ResourceChange> changes) throws SQLException {
        List<Object[]> gone = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.resource_id, r.arn, r.current_hash, r.current_state_id, r.resource_name, v.configuration::text
                FROM resource r JOIN resource_version v ON v.resource_pk = r.id AND v.valid_to IS NULL
                WHERE r.account_id = ? AND r.aws_region = ? AND r.resource_type = ? AND NOT r.deleted
                  AND r.last_run_id IS DISTINCT FROM ? FOR UPDATE OF r""")) {
            ps.setString(1, marker.getAccountId());
            ps.setString(2, listing.getRegion());
            ps.setString(3, listing.getResourceType());
            ps.setString(4, marker.getRunId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gone.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getString(6), rs.getString(7)});
                }
            }
        }
        for (Object[] r : gone) {
            long pk = (Long) r[0];
            long stateId = (Long) r[4] + 1;
            closeCurrentVersion(c, pk, at);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO resource_version (resource_pk, state_id, status, configuration_hash, valid_from, run_id)
                    VALUES (?, ?, 'ResourceDeleted', NULL, ?, ?)""")) {
                ps.setLong(1, pk);
                ps.setLong(2, stateId);
                ps.setObject(3, java.sql.Timestamp.from(at));
                ps.setString(4, marker.getRunId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE resource SET deleted = TRUE, current_hash = NULL, current_state_id = ?, last_seen = ? WHERE id = ?")) {
                ps.setLong(1, stateId);
                ps.setObject(2, java.sql.Timestamp.from(at));
                ps.setLong(3, pk);
                ps.executeUpdate();
            }
            ConfigurationItem deletedItem = ConfigurationItem.newBuilder()
                    .setAccountId(marker.getAccountId()).setAwsRegion(listing.getRegion())
                    .setResourceType(listing.getResourceType()).setResourceId((String) r[1])
                    .setArn(nullToEmpty((String) r[2])).setResourceName(nullToEmpty((String) r[5]))
                    .setStatus(ConfigurationItem.Status.RESOURCE_DELETED).setConfigurationStateId(stateId)
                    .setCaptureTime(marker.getAt()).setRunId(marker.getRunId()).build();
            changes.add(ResourceChange.newBuilder()
                    .setChangeId(changeId(marker.getAccountId(), listing.getRegion(), listing.getResourceType(), (String) r[1], stateId))
                    .setChangeType(ResourceChange.ChangeType.REMOVED)
                    .setAccountId(marker.getAccountId()).setAwsRegion(listing.getRegion())
                    .setResourceType(listing.getResourceType()).setResourceId((String) r[1])
                    .setArn(nullToEmpty((String) r[2])).setRunId(marker.getRunId()).setDetectedAt(marker.getAt())
                    .setHashBefore(nullToEmpty((String) r[3])).setConfigurationStateId(stateId)
                    .setItem(deletedItem).build());
        }
        return gone.size();
    }

    void ingest(Connection c, ConfigurationItem item, List<ResourceChange> changes) throws SQLException {
        if (item.getAccountId().isEmpty() || item.getResourceType().isEmpty() || item.getResourceId().isEmpty()) {
            throw new IllegalArgumentException("configuration item lacks account id, resource type or resource id");
        }
        JsonNode canonical = CanonicalJson.canonicalize(item.getResourceType(), CanonicalJson.parse(item.getConfiguration()));
        String canonicalText = CanonicalJson.toCanonicalString(canonical);
        String hash = CanonicalJson.sha256(canonicalText);
        ResourceKey key = new ResourceKey(item.getAccountId(), item.getAwsRegion(), item.getResourceType(), item.getResourceId());
        Instant captured = item.hasCaptureTime() ? toInstant(item.getCaptureTime()) : Instant.now();

        Long pk = null;
        String currentHash = null;
        long stateId = 0;
        boolean deleted = false;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, current_hash, current_state_id, deleted FROM resource WHERE resource_key = ? FOR UPDATE")) {
            ps.setString(1, key.toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    pk = rs.getLong(1);
                    currentHash = rs.getString(2);
                    stateId = rs.getLong(3);
                    deleted = rs.getBoolean(4);
                }
            }
        }
        if (pk != null && !deleted && hash.equals(currentHash)) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE resource SET last_seen = ?, last_run_id = ? WHERE id = ?")) {
                ps.setObject(1, java.sql.Timestamp.from(captured));
                ps.setString(2, item.getRunId());
                ps.setLong(3, pk);
                ps.executeUpdate();
            }
            return;
        }
        ResourceChange.ChangeType type;
        List<FieldChange> fieldChanges = new ArrayList<>();
        if (pk == null) {
            type = ResourceChange.ChangeType.ADDED;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO resource (resource_key, account_id, aws_region, resource_type, resource_id, arn, resource_name,
                      current_hash, current_state_id, first_seen, last_seen, last_run_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id""")) {
                ps.setString(1, key.toString());
                ps.setString(2, item.getAccountId());
                ps.setString(3, item.getAwsRegion());
                ps.setString(4, item.getResourceType());
                ps.setString(5, item.getResourceId());
                ps.setString(6, item.getArn());
                ps.setString(7, item.getResourceName());
                ps.setString(8, hash);
                ps.setObject(9, java.sql.Timestamp.from(captured));
                ps.setObject(10, java.sql.Timestamp.from(captured));
                ps.setString(11, item.getRunId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    pk = rs.getLong(1);
                }
            }
            stateId = 1;
        } else {
            JsonNode before = deleted ? null : currentConfiguration(c, pk);
            type = deleted ? ResourceChange.ChangeType.ADDED : ResourceChange.ChangeType.MODIFIED;
            if (before != null) {
                for (ConfigurationDiffer.Change change : ConfigurationDiffer.diff(item.getResourceType(), before, canonical)) {
                    fieldChanges.add(toProto(change));
                }
            }
            closeCurrentVersion(c, pk, captured);
            stateId++;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE resource SET current_hash = ?, current_state_id = ?, deleted = FALSE, last_seen = ?, last_run_id = ?,
                      arn = ?, resource_name = ? WHERE id = ?""")) {
                ps.setString(1, hash);
                ps.setLong(2, stateId);
                ps.setObject(3, java.sql.Timestamp.from(captured));
                ps.setString(4, item.getRunId());
                ps.setString(5, item.getArn());
                ps.setString(6, item.getResourceName());
                ps.setLong(7, pk);
                ps.executeUpdate();
            }
        }
        String status = stateId == 1 || type == ResourceChange.ChangeType.ADDED ? "ResourceDiscovered" : "OK";
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO resource_version (resource_pk, state_id, status, configuration_hash, configuration, supplementary,
                  tags, relationships, availability_zone, resource_created_at, valid_from, run_id)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""")) {
            ps.setLong(1, pk);
            ps.setLong(2, stateId);
            ps.setString(3, status);
            ps.setString(4, hash);
            ps.setString(5, canonicalText);
            ps.setString(6, ItemJson.supplementary(item));
            ps.setString(7, ItemJson.tags(item));
            ps.setString(8, ItemJson.relationships(item));
            ps.setString(9, item.getAvailabilityZone().isEmpty() ? null : item.getAvailabilityZone());
            ps.setObject(10, item.hasResourceCreationTime() ? java.sql.Timestamp.from(toInstant(item.getResourceCreationTime())) : null);
            ps.setObject(11, java.sql.Timestamp.from(captured));
            ps.setString(12, item.getRunId());
            ps.executeUpdate();
        }
        ConfigurationItem stored = item.toBuilder()
                .setConfiguration(canonicalText).setConfigurationHash(hash).setConfigurationStateId(stateId)
                .setStatus(status.equals("OK") ? ConfigurationItem.Status.OK : ConfigurationItem.Status.RESOURCE_DISCOVERED)
                .build();
        changes.add(ResourceChange.newBuilder()
                .setChangeId(changeId(key.accountId(), key.region(), key.resourceType(), key.resourceId(), stateId))
                .setChangeType(type)
                .setAccountId(item.getAccountId()).setAwsRegion(item.getAwsRegion())
                .setResourceType(item.getResourceType()).setResourceId(item.getResourceId()).setArn(item.getArn())
                .setRunId(item.getRunId()).setDetectedAt(item.hasCaptureTime() ? item.getCaptureTime() : now())
                .setHashBefore(currentHash == null || deleted ? "" : currentHash).setHashAfter(hash)
                .addAllFieldChanges(fieldChanges).setItem(stored).setConfigurationStateId(stateId)
                .build());
    }

    private static JsonNode currentConfiguration(Connection c, long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT configuration::text, resource_pk FROM resource_version v JOIN resource r ON r.id = v.resource_pk "
                        + "WHERE v.resource_pk = ? AND v.valid_to IS NULL")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    // Re-canonicalise: jsonb does not keep key order.
                    String type = resourceType(c, pk);
                    return CanonicalJson.canonicalize(type, CanonicalJson.parse(rs.getString(1)));
                }
            }
        }
        return null;
    }

    private static String resourceType(Connection c, long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT resource_type FROM resource WHERE id = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void closeCurrentVersion(Connection c, long pk, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE resource_version SET valid_to = ? WHERE resource_pk = ? AND valid_to IS NULL")) {
            ps.setObject(1, java.sql.Timestamp.from(at));
            ps.setLong(2, pk);
            ps.executeUpdate();
        }
    }

    static FieldChange toProto(ConfigurationDiffer.Change change) {
        FieldChange.Builder b = FieldChange.newBuilder().setPath(change.path())
                .setKind(switch (change.kind()) {
                    case ADDED -> FieldChange.Kind.ADDED;
                    case REMOVED -> FieldChange.Kind.REMOVED;
                    case CHANGED -> FieldChange.Kind.CHANGED;
                });
        if (change.before() != null) {
            b.setBefore(CanonicalJson.toCanonicalString(change.before()));
        }
        if (change.after() != null) {
            b.setAfter(CanonicalJson.toCanonicalString(change.after()));
        }
        return b.build();
    }

    /** Deterministic, so a re-delivered record re-publishes the same change id. */
    static String changeId(String account, String region, String type, String id, long stateId) {
        return CanonicalJson.sha256(account + ":" + region + ":" + type + ":" + id + "#" + stateId).substring(0, 32);
    }

    private static String listingsJson(CollectionRunMarker marker) {
        var array = CanonicalJson.MAPPER.createArrayNode();
        for (ListingOutcome l : marker.getListingsList()) {
            var o = array.addObject();
            o.put("region", l.getRegion());
            o.put("resourceType", l.getResourceType());
            o.put("status", l.getStatus().name());
            o.put("itemCount", l.getItemCount());
            if (!l.getErrorCode().isEmpty()) {
                o.put("errorCode", l.getErrorCode());
                o.put("errorMessage", l.getErrorMessage());
            }
        }
        return array.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static Instant toInstant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static Timestamp now() {
        Instant n = Instant.now();
        return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
    }
}
