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
 * <li>items whose collector-computed hash equals the stored hash (the common, unchanged case) are
 *     recognised by one read-only {@code SELECT ... WHERE resource_key = ANY(...)} for the whole batch;</li>
 * <li>the rest are canonicalised here (never trusting the collector's hash to declare a change),
 *     locked, compared and written as new versions with JDBC batches.</li>
 * <li>every item of the batch is recorded as seen in its run with one {@code run_seen} row per
 *     (run, account) holding the resource ids, which is what deletion inference reads.</li>
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
        SeenInRun seen = new SeenInRun();
        List<Prepared.Item> rest = unchangedByClaimedHash(c, items, seen);
        if (!rest.isEmpty()) {
            ingestSlow(c, rest, changes, seen);
        }
        seen.write(c);
        items.clear();
    }

    /** Resource ids seen per (run, account) in one flush; written as one run_seen row each. */
    private static final class SeenInRun {
        private final Map<List<String>, List<Long>> pks = new HashMap<>();

        void add(Prepared.Item item, long pk) {
            pks.computeIfAbsent(List.of(item.item().getRunId(), item.item().getAccountId()), k -> new ArrayList<>()).add(pk);
        }

        void write(Connection c) throws SQLException {
            if (pks.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO run_seen (run_id, account_id, resource_pks) VALUES (?, ?, ?::bigint[])")) {
                for (Map.Entry<List<String>, List<Long>> e : pks.entrySet()) {
                    ps.setString(1, e.getKey().get(0));
                    ps.setString(2, e.getKey().get(1));
                    ps.setArray(3, c.createArrayOf("bigint", e.getValue().toArray(Long[]::new)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Fast path: one read-only statement finds every item whose claimed hash is the stored one. */
    private static List<Prepared.Item> unchangedByClaimedHash(Connection c, List<Prepared.Item> items, SeenInRun seen)
            throws SQLException {
        List<Prepared.Item> claimed = items.stream().filter(i -> !i.item().getConfigurationHash().isEmpty()).toList();
        if (claimed.isEmpty()) {
            return items;
        }
        Map<String, String> claims = new HashMap<>();
        for (Prepared.Item i : claimed) {
            claims.put(i.key().toString(), i.item().getConfigurationHash());
        }
        Map<String, Long> unchanged = new HashMap<>();
        // "= ANY(array)" keeps this an index scan of the unique key index whatever the batch size.
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT resource_key, id, current_hash FROM resource WHERE resource_key = ANY(?::text[]) AND NOT deleted")) {
            ps.setArray(1, c.createArrayOf("text", claims.keySet().toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(3) != null && rs.getString(3).equals(claims.get(rs.getString(1)))) {
                        unchanged.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        if (unchanged.isEmpty()) {
            return items;
        }
        List<Prepared.Item> rest = new ArrayList<>();
        for (Prepared.Item i : items) {
            Long pk = unchanged.get(i.key().toString());
            if (pk != null) {
                seen.add(i, pk);
            } else {
                rest.add(i);
            }
        }
        return rest;
    }

    private record Current(long pk, String hash, long stateId, boolean deleted) {
    }

    private record Canon(Prepared.Item in, JsonNode canonical, String text, String hash) {
    }

    private void ingestSlow(Connection c, List<Prepared.Item> items, List<ResourceChange> changes, SeenInRun seen)
            throws SQLException {
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
        List<Canon> rehashed = new ArrayList<>();
        for (Canon x : List.copyOf(changed)) {
            Current cur = current.get(x.in().key().toString());
            List<FieldChange> fields = new ArrayList<>();
            JsonNode b = cur.deleted() ? null : before.get(cur.pk());
            if (b != null) {
                for (ConfigurationDiffer.Change ch : ConfigurationDiffer.diff(x.in().item().getResourceType(), b, x.canonical())) {
                    fields.add(toProto(ch));
                }
                if (fields.isEmpty()) {
                    // Same meaning, different canonical text: the canonical form evolved (for example a
                    // newly declared list identity or ignored field). Not a change: re-hash in place.
                    rehashed.add(x);
                    changed.remove(x);
                    unchanged.add(x);
                    continue;
                }
            }
            versions.add(new VersionRow(x, cur.pk(), cur.stateId() + 1, cur.deleted() ? "ResourceDiscovered" : "OK",
                    cur.deleted() ? ResourceChange.ChangeType.ADDED : ResourceChange.ChangeType.MODIFIED,
                    cur.deleted() ? null : cur.hash(), fields));
        }
        rehash(c, rehashed, current);
        closeVersions(c, changed.stream().map(x -> current.get(x.in().key().toString()))
                        .map(cur -> new long[] {cur.pk(), cur.stateId()}).toList(),
                changed.stream().map(x -> x.in().captured()).toList());
        updateChangedResources(c, versions.stream().filter(v -> current.containsKey(v.x().in().key().toString())).toList());
        insertVersions(c, versions);
        replaceRelationships(c, versions);

        for (Canon x : unchanged) {
            seen.add(x.in(), current.get(x.in().key().toString()).pk());
        }
        for (VersionRow v : versions) {
            seen.add(v.x().in(), v.pk());
        }

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

    private static void rehash(Connection c, List<Canon> rows, Map<String, Current> current) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement res = c.prepareStatement("UPDATE resource SET current_hash = ? WHERE id = ?");
             PreparedStatement ver = c.prepareStatement(
                     "UPDATE resource_version SET configuration_hash = ?, configuration = ?::jsonb WHERE resource_pk = ? AND valid_to IS NULL")) {
            for (Canon x : rows) {
                long pk = current.get(x.in().key().toString()).pk();
                res.setString(1, x.hash());
                res.setLong(2, pk);
                res.addBatch();
                ver.setString(1, x.hash());
                ver.setString(2, x.text());
                ver.setLong(3, pk);
                ver.addBatch();
            }
            res.executeBatch();
            ver.executeBatch();
        }
    }

    /** Ends the current versions (pk, state id) at the given moments: unique-index lookups, one JDBC batch. */
    private static void closeVersions(Connection c, List<long[]> pkAndState, List<Instant> at) throws SQLException {
        if (pkAndState.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE resource_version SET valid_to = ? WHERE resource_pk = ? AND state_id = ? AND valid_to IS NULL")) {
            for (int i = 0; i < pkAndState.size(); i++) {
                ps.setObject(1, java.sql.Timestamp.from(at.get(i)));
                ps.setLong(2, pkAndState.get(i)[0]);
                ps.setLong(3, pkAndState.get(i)[1]);
                ps.addBatch();
            }
            ps.executeBatch();
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
            Set<Long> seen = null;
            for (ListingOutcome listing : marker.getListingsList()) {
                if (listing.getStatus() == ListingOutcome.Status.COMPLETE) {
                    if (seen == null) {
                        seen = seenInRun(c, marker);
                    }
                    removed += inferDeletions(c, marker, listing, at, seen, changes);
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
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM run_seen WHERE run_id = ? AND account_id = ?")) {
            ps.setString(1, marker.getRunId());
            ps.setString(2, marker.getAccountId());
            ps.executeUpdate();
        }
    }

    private record Gone(long pk, String resourceId, String arn, String hash, long stateId, String name) {
    }

    /** Ids of the resources the run has seen in the account (run_seen rows of the batches so far). */
    private static Set<Long> seenInRun(Connection c, CollectionRunMarker marker) throws SQLException {
        Set<Long> seen = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT resource_pks FROM run_seen WHERE run_id = ? AND account_id = ?")) {
            ps.setString(1, marker.getRunId());
            ps.setString(2, marker.getAccountId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (Long pk : (Long[]) rs.getArray(1).getArray()) {
                        seen.add(pk);
                    }
                }
            }
        }
        return seen;
    }

    private long inferDeletions(Connection c, CollectionRunMarker marker, ListingOutcome listing, Instant at,
                                Set<Long> seen, List<ResourceChange> changes) throws SQLException {
        // Candidates: live resources of the listing's scope not seen in this run (the anti-join is done
        // here, on a hash set, so its cost stays linear whatever the planner thinks of unnest()).
        List<Long> candidates = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id FROM resource r
                WHERE r.account_id = ? AND r.aws_region = ? AND r.resource_type = ? AND NOT r.deleted
                  AND r.last_run_id IS DISTINCT FROM ?""")) {
            ps.setString(1, marker.getAccountId());
            ps.setString(2, listing.getRegion());
            ps.setString(3, listing.getResourceType());
            ps.setString(4, marker.getRunId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!seen.contains(rs.getLong(1))) {
                        candidates.add(rs.getLong(1));
                    }
                }
            }
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        List<Gone> gone = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.id, r.resource_id, r.arn, r.current_hash, r.current_state_id, r.resource_name
                FROM resource r WHERE r.id = ANY(?::bigint[]) AND NOT r.deleted ORDER BY r.id FOR UPDATE""")) {
            ps.setArray(1, c.createArrayOf("bigint", candidates.toArray(Long[]::new)));
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
        closeVersions(c, gone.stream().map(g -> new long[] {g.pk(), g.stateId()}).toList(), gone.stream().map(g -> at).toList());
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
