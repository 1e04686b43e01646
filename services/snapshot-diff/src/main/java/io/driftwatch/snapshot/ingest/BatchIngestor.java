package io.driftwatch.snapshot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.FieldChange;
import io.driftwatch.proto.v1.ListingOutcome;
import io.driftwatch.proto.v1.Relationship;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.diff.ConfigurationDiffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a batch of collection events into resource history on one JDBC connection; the caller owns
 * the transaction. Events are applied in order; consecutive items are written with a handful of
 * set-based statements per batch:
 * <ol>
 * <li>items whose collector-computed hash equals the stored hash (the common, unchanged case) cost
 *     one row of one {@code UPDATE resource_seen ... FROM unnest(...)} statement for the whole batch;</li>
 * <li>the rest are canonicalised here (never trusting the collector's hash to declare a change),
 *     locked, compared and written as new versions with JDBC batches.</li>
 * </ol>
 * Run markers flush the pending items first, so deletions are inferred after every item of the run
 * that precedes the marker is stored. Deletions are inferred only for listings that completed.
 */
public final class BatchIngestor {

    /** Applies the events in order and returns the changes they caused, with blast radius filled. */
    public List<ResourceChange> ingest(Connection c, List<Prepared> events) throws SQLException {
        List<ResourceChange> changes = new ArrayList<>();
        List<Prepared.Item> pending = new ArrayList<>();
        Set<String> pendingKeys = new HashSet<>();
        for (Prepared event : events) {
            if (event instanceof Prepared.Item item) {
                if (!pendingKeys.add(item.key().toString())) {
                    flush(c, pending, changes); // the same resource twice in a batch: keep the order
                    pendingKeys.clear();
                    pendingKeys.add(item.key().toString());
                }
                pending.add(item);
            } else if (event instanceof Prepared.Marker marker) {
                flush(c, pending, changes);
                pendingKeys.clear();
                onMarker(c, marker.marker(), changes);
            }
        }
        flush(c, pending, changes);
        return BlastRadius.fill(c, changes);
    }

    private void flush(Connection c, List<Prepared.Item> items, List<ResourceChange> changes) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        List<Prepared.Item> rest = touchUnchangedByClaimedHash(c, items);
        if (!rest.isEmpty()) {
            ingestSlow(c, rest, changes);
        }
        items.clear();
    }

    /** Fast path: one statement marks every item whose claimed hash is the stored one as seen. */
    private static List<Prepared.Item> touchUnchangedByClaimedHash(Connection c, List<Prepared.Item> items)
            throws SQLException {
        List<Prepared.Item> claimed = items.stream().filter(i -> !i.item().getConfigurationHash().isEmpty()).toList();
        if (claimed.isEmpty()) {
            return items;
        }
        int n = claimed.size();
        String[] keys = new String[n];
        String[] hashes = new String[n];
        String[] runs = new String[n];
        String[] seen = new String[n];
        for (int i = 0; i < n; i++) {
            Prepared.Item it = claimed.get(i);
            keys[i] = it.key().toString();
            hashes[i] = it.item().getConfigurationHash();
            runs[i] = it.item().getRunId();
            seen[i] = it.captured().toString();
        }
        Set<String> touched = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH u AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(k, h, run, seen))
                UPDATE resource_seen s SET last_run_id = u.run, last_seen = u.seen::timestamptz
                FROM resource r, u
                WHERE r.resource_key = u.k AND r.current_hash = u.h AND NOT r.deleted AND s.resource_pk = r.id
                RETURNING u.k""")) {
            ps.setArray(1, c.createArrayOf("text", keys));
            ps.setArray(2, c.createArrayOf("text", hashes));
            ps.setArray(3, c.createArrayOf("text", runs));
            ps.setArray(4, c.createArrayOf("text", seen));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    touched.add(rs.getString(1));
                }
            }
        }
        if (touched.isEmpty()) {
            return items;
        }
        return items.stream().filter(i -> !touched.contains(i.key().toString())).toList();
    }

    private record Current(long pk, String hash, long stateId, boolean deleted) {
    }

    private record Canon(Prepared.Item in, JsonNode canonical, String text, String hash) {
    }

    private void ingestSlow(Connection c, List<Prepared.Item> items, List<ResourceChange> changes) throws SQLException {
        List<Canon> canon = new ArrayList<>(items.size());
        for (Prepared.Item it : items) {
            JsonNode node = CanonicalJson.canonicalize(it.item().getResourceType(), CanonicalJson.parse(it.item().getConfiguration()));
            String text = CanonicalJson.toCanonicalString(node);
            canon.add(new Canon(it, node, text, CanonicalJson.sha256(text)));
        }
        Map<String, Current> current = lockCurrent(c, canon.stream().map(x -> x.in().key().toString()).toList());

        List<Canon> unchanged = new ArrayList<>();
        List<Canon> added = new ArrayList<>();
        List<Canon> changed = new ArrayList<>();
        for (Canon x : canon) {
            Current cur = current.get(x.in().key().toString());
            if (cur == null) {
                added.add(x);
            } else if (!cur.deleted() && x.hash().equals(cur.hash())) {
                unchanged.add(x);
            } else {
                changed.add(x);
            }
        }
        Map<String, Long> newPks = insertResources(c, added);
        Map<Long, JsonNode> before = currentConfigurations(c, changed.stream()
                .map(x -> current.get(x.in().key().toString())).filter(cur -> !cur.deleted()).map(Current::pk).toList());

        List<VersionRow> versions = new ArrayList<>();
        for (Canon x : added) {
            long pk = newPks.get(x.in().key().toString());
            versions.add(new VersionRow(x, pk, 1, "ResourceDiscovered", ResourceChange.ChangeType.ADDED, null, List.of()));
        }
        for (Canon x : changed) {
            Current cur = current.get(x.in().key().toString());
            List<FieldChange> fields = new ArrayList<>();
            JsonNode b = cur.deleted() ? null : before.get(cur.pk());
            if (b != null) {
                for (ConfigurationDiffer.Change ch : ConfigurationDiffer.diff(x.in().item().getResourceType(), b, x.canonical())) {
                    fields.add(toProto(ch));
                }
            }
            versions.add(new VersionRow(x, cur.pk(), cur.stateId() + 1, cur.deleted() ? "ResourceDiscovered" : "OK",
                    cur.deleted() ? ResourceChange.ChangeType.ADDED : ResourceChange.ChangeType.MODIFIED,
                    cur.deleted() ? null : cur.hash(), fields));
        }
        closeVersions(c, changed.stream().map(x -> current.get(x.in().key().toString()).pk()).toList(),
                changed.stream().map(x -> x.in().captured()).toList());
        updateChangedResources(c, versions.stream().filter(v -> current.containsKey(v.x().in().key().toString())).toList());
        insertVersions(c, versions);
        replaceRelationships(c, versions);

        List<Long> seenPks = new ArrayList<>();
        List<Prepared.Item> seenItems = new ArrayList<>();
        for (Canon x : unchanged) {
            seenPks.add(current.get(x.in().key().toString()).pk());
            seenItems.add(x.in());
        }
        for (VersionRow v : versions) {
            seenPks.add(v.pk());
            seenItems.add(v.x().in());
        }
        upsertSeen(c, seenPks, seenItems);

        for (VersionRow v : versions) {
            changes.add(v.toChange());
        }
    }

    private static Map<String, Current> lockCurrent(Connection c, List<String> keys) throws SQLException {
        Map<String, Current> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, resource_key, current_hash, current_state_id, deleted FROM resource
                WHERE resource_key = ANY(?::text[]) ORDER BY id FOR UPDATE""")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(2), new Current(rs.getLong(1), rs.getString(3), rs.getLong(4), rs.getBoolean(5)));
                }
            }
        }
        return out;
    }

    private static Map<String, Long> insertResources(Connection c, List<Canon> added) throws SQLException {
        Map<String, Long> pks = new HashMap<>();
        if (added.isEmpty()) {
            return pks;
        }
        int n = added.size();
        String[][] cols = new String[11][n];
        for (int i = 0; i < n; i++) {
            ConfigurationItem item = added.get(i).in().item();
            cols[0][i] = added.get(i).in().key().toString();
            cols[1][i] = item.getAccountId();
            cols[2][i] = item.getAwsRegion();
            cols[3][i] = item.getResourceType();
            cols[4][i] = item.getResourceId();
            cols[5][i] = item.getArn();
            cols[6][i] = item.getResourceName();
            cols[7][i] = added.get(i).hash();
            cols[8][i] = added.get(i).in().captured().toString();
            cols[9][i] = item.getRunId();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO resource (resource_key, account_id, aws_region, resource_type, resource_id, arn, resource_name,
                  current_hash, current_state_id, first_seen, last_seen, last_run_id)
                SELECT k, a, r, t, i, arn, nm, h, 1, s::timestamptz, s::timestamptz, run
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                  AS u(k, a, r, t, i, arn, nm, h, s, run)
                RETURNING id, resource_key""")) {
            for (int col = 0; col < 10; col++) {
                ps.setArray(col + 1, c.createArrayOf("text", cols[col]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pks.put(rs.getString(2), rs.getLong(1));
                }
            }
        }
        return pks;
    }

    private static Map<Long, JsonNode> currentConfigurations(Connection c, List<Long> pks) throws SQLException {
        Map<Long, JsonNode> out = new HashMap<>();
        if (pks.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT v.resource_pk, v.configuration::text, r.resource_type FROM resource_version v
                JOIN resource r ON r.id = v.resource_pk
                WHERE v.resource_pk = ANY(?::bigint[]) AND v.valid_to IS NULL""")) {
            ps.setArray(1, c.createArrayOf("bigint", pks.toArray(Long[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        // Re-canonicalise: jsonb does not keep key order.
                        out.put(rs.getLong(1), CanonicalJson.canonicalize(rs.getString(3), CanonicalJson.parse(rs.getString(2))));
                    }
                }
            }
        }
        return out;
    }

    private static void closeVersions(Connection c, List<Long> pks, List<Instant> at) throws SQLException {
        if (pks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE resource_version v SET valid_to = u.t::timestamptz
                FROM unnest(?::bigint[], ?::text[]) AS u(pk, t)
                WHERE v.resource_pk = u.pk AND v.valid_to IS NULL""")) {
            ps.setArray(1, c.createArrayOf("bigint", pks.toArray(Long[]::new)));
            ps.setArray(2, c.createArrayOf("text", at.stream().map(Instant::toString).toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    private static void updateChangedResources(Connection c, List<VersionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE resource SET current_hash = ?, current_state_id = ?, deleted = FALSE, last_seen = ?, last_run_id = ?,
                  arn = ?, resource_name = ? WHERE id = ?""")) {
            for (VersionRow v : rows) {
                ConfigurationItem item = v.x().in().item();
                ps.setString(1, v.x().hash());
                ps.setLong(2, v.stateId());
                ps.setObject(3, java.sql.Timestamp.from(v.x().in().captured()));
                ps.setString(4, item.getRunId());
                ps.setString(5, item.getArn());
                ps.setString(6, item.getResourceName());
                ps.setLong(7, v.pk());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertVersions(Connection c, List<VersionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO resource_version (resource_pk, state_id, status, configuration_hash, configuration, supplementary,
                  tags, relationships, availability_zone, resource_created_at, valid_from, run_id)
                VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""")) {
            for (VersionRow v : rows) {
                ConfigurationItem item = v.x().in().item();
                ps.setLong(1, v.pk());
                ps.setLong(2, v.stateId());
                ps.setString(3, v.status());
                ps.setString(4, v.x().hash());
                ps.setString(5, v.x().text());
                ps.setString(6, ItemJson.supplementary(item));
                ps.setString(7, ItemJson.tags(item));
                ps.setString(8, ItemJson.relationships(item));
                ps.setString(9, item.getAvailabilityZone().isEmpty() ? null : item.getAvailabilityZone());
                ps.setObject(10, item.hasResourceCreationTime()
                        ? java.sql.Timestamp.from(toInstant(item.getResourceCreationTime())) : null);
                ps.setObject(11, java.sql.Timestamp.from(v.x().in().captured()));
                ps.setString(12, item.getRunId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void replaceRelationships(Connection c, List<VersionRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM resource_relationship WHERE resource_pk = ANY(?::bigint[])")) {
            ps.setArray(1, c.createArrayOf("bigint", rows.stream().map(VersionRow::pk).toArray(Long[]::new)));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO resource_relationship (resource_pk, name, account_id, target_type, target_id) VALUES (?, ?, ?, ?, ?)""")) {
            int n = 0;
            for (VersionRow v : rows) {
                for (Relationship r : v.x().in().item().getRelationshipsList()) {
                    ps.setLong(1, v.pk());
                    ps.setString(2, r.getName());
                    ps.setString(3, v.x().in().item().getAccountId());
                    ps.setString(4, r.getResourceType());
                    ps.setString(5, r.getResourceId());
                    ps.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    private static void upsertSeen(Connection c, List<Long> pks, List<Prepared.Item> items) throws SQLException {
        if (pks.isEmpty()) {
            return;
        }
        Array pkArray = c.createArrayOf("bigint", pks.toArray(Long[]::new));
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO resource_seen (resource_pk, last_run_id, last_seen)
                SELECT pk, run, s::timestamptz FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(pk, run, s)
                ON CONFLICT (resource_pk) DO UPDATE SET last_run_id = EXCLUDED.last_run_id, last_seen = EXCLUDED.last_seen""")) {
            ps.setArray(1, pkArray);
            ps.setArray(2, c.createArrayOf("text", items.stream().map(i -> i.item().getRunId()).toArray(String[]::new)));
            ps.setArray(3, c.createArrayOf("text", items.stream().map(i -> i.captured().toString()).toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    private record VersionRow(Canon x, long pk, long stateId, String status, ResourceChange.ChangeType type,
                              String hashBefore, List<FieldChange> fields) {
        ResourceChange toChange() {
            ConfigurationItem item = x.in().item();
            ResourceKey key = x.in().key();
            ConfigurationItem stored = item.toBuilder()
                    .setConfiguration(x.text()).setConfigurationHash(x.hash()).setConfigurationStateId(stateId)
                    .setStatus(status.equals("OK") ? ConfigurationItem.Status.OK : ConfigurationItem.Status.RESOURCE_DISCOVERED)
                    .build();
            return ResourceChange.newBuilder()
                    .setChangeId(changeId(key.accountId(), key.region(), key.resourceType(), key.resourceId(), stateId))
                    .setChangeType(type)
                    .setAccountId(item.getAccountId()).setAwsRegion(item.getAwsRegion())
                    .setResourceType(item.getResourceType()).setResourceId(item.getResourceId()).setArn(item.getArn())
                    .setRunId(item.getRunId()).setDetectedAt(toTimestamp(x.in().captured()))
                    .setHashBefore(hashBefore == null ? "" : hashBefore).setHashAfter(x.hash())
                    .addAllFieldChanges(fields).setItem(stored).setConfigurationStateId(stateId)
                    .build();
        }
    }

    // ---- run markers ----

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

    private record Gone(long pk, String resourceId, String arn, String hash, long stateId, String name) {
    }

    private long inferDeletions(Connection c, CollectionRunMarker marker, ListingOutcome listing, Instant at,
                                List<ResourceChange> changes) throws SQLException {
        List<Gone> gone = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.resource_id, r.arn, r.current_hash, r.current_state_id, r.resource_name
                FROM resource r LEFT JOIN resource_seen s ON s.resource_pk = r.id
                WHERE r.account_id = ? AND r.aws_region = ? AND r.resource_type = ? AND NOT r.deleted
                  AND s.last_run_id IS DISTINCT FROM ? ORDER BY r.id FOR UPDATE OF r""")) {
            ps.setString(1, marker.getAccountId());
            ps.setString(2, listing.getRegion());
            ps.setString(3, listing.getResourceType());
            ps.setString(4, marker.getRunId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gone.add(new Gone(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6)));
                }
            }
        }
        if (gone.isEmpty()) {
            return 0;
        }
        closeVersions(c, gone.stream().map(Gone::pk).toList(), gone.stream().map(g -> at).toList());
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO resource_version (resource_pk, state_id, status, configuration_hash, valid_from, run_id)
                VALUES (?, ?, 'ResourceDeleted', NULL, ?, ?)""");
             PreparedStatement upd = c.prepareStatement(
                     "UPDATE resource SET deleted = TRUE, current_hash = NULL, current_state_id = ?, last_seen = ? WHERE id = ?")) {
            for (Gone g : gone) {
                ins.setLong(1, g.pk());
                ins.setLong(2, g.stateId() + 1);
                ins.setObject(3, java.sql.Timestamp.from(at));
                ins.setString(4, marker.getRunId());
                ins.addBatch();
                upd.setLong(1, g.stateId() + 1);
                upd.setObject(2, java.sql.Timestamp.from(at));
                upd.setLong(3, g.pk());
                upd.addBatch();
            }
            ins.executeBatch();
            upd.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM resource_relationship WHERE resource_pk = ANY(?::bigint[])")) {
            ps.setArray(1, c.createArrayOf("bigint", gone.stream().map(Gone::pk).toArray(Long[]::new)));
            ps.executeUpdate();
        }
        for (Gone g : gone) {
            long stateId = g.stateId() + 1;
            ConfigurationItem deletedItem = ConfigurationItem.newBuilder()
                    .setAccountId(marker.getAccountId()).setAwsRegion(listing.getRegion())
                    .setResourceType(listing.getResourceType()).setResourceId(g.resourceId())
                    .setArn(nullToEmpty(g.arn())).setResourceName(nullToEmpty(g.name()))
                    .setStatus(ConfigurationItem.Status.RESOURCE_DELETED).setConfigurationStateId(stateId)
                    .setCaptureTime(marker.getAt()).setRunId(marker.getRunId()).build();
            changes.add(ResourceChange.newBuilder()
                    .setChangeId(changeId(marker.getAccountId(), listing.getRegion(), listing.getResourceType(), g.resourceId(), stateId))
                    .setChangeType(ResourceChange.ChangeType.REMOVED)
                    .setAccountId(marker.getAccountId()).setAwsRegion(listing.getRegion())
                    .setResourceType(listing.getResourceType()).setResourceId(g.resourceId())
                    .setArn(nullToEmpty(g.arn())).setRunId(marker.getRunId()).setDetectedAt(marker.getAt())
                    .setHashBefore(nullToEmpty(g.hash())).setConfigurationStateId(stateId)
                    .setItem(deletedItem).build());
        }
        return gone.size();
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

    static Timestamp toTimestamp(Instant n) {
        return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
    }
}
