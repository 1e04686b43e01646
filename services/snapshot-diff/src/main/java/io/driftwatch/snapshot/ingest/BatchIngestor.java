package io.driftwatch.snapshot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.FieldChange;
import io.driftwatch.proto.v1.ListingOutcome;
import io.driftwatch.proto.v1.Relationship;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.diff.ConfigurationDiffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns a batch of collection events into resource history on one JDBC connection; the caller owns
 * the transaction. Events are applied in order; consecutive items are flushed together in a few
 * round trips of set-based statements:
 * <ol>
 * <li>one lookup statement: items whose collector-computed hash equals the stored hash (the common,
 *     unchanged case) are recorded as seen in their run (one {@code run_seen} row per (run, account)
 *     holding the resource ids, which is what deletion inference reads) and nothing else is written
 *     for them; the resource rows of the other items are locked and returned with their current
 *     configuration;</li>
 * <li>those are canonicalised here (never trusting the collector's hash to declare a change) and
 *     compared; new resources are inserted (one statement);</li>
 * <li>one execution of a statement list ends the current versions, updates the resource rows, inserts
 *     the new versions, replaces their relationships, records the items as seen, and, for the last
 *     flush of the batch, computes the blast radius of the batch's changes.</li>
 * </ol>
 * So an unchanged batch costs one round trip before the commit, a batch with changed items two (three
 * with new resources). In the steady state, when every item that is not a cache hit is a resource the
 * cache knows (its pk and current hash), steps 1 and 3 are one round trip ({@link #storeKnownChanges}):
 * the rows are locked and read in the same statement list that writes the new versions, under a
 * savepoint that sends the flush back to the steps above if what was read is not what the cache said.
 * Run markers flush the pending items first, so deletions are inferred after every item of the run
 * that precedes the marker is stored. Deletions are inferred only for listings that completed.
 */
public final class BatchIngestor {
    private final ResourceCache cache;
    private final LongAdder knownChangeFlushes = new LongAdder();
    private final LongAdder unseenCountShortcuts = new LongAdder();
    private final LongAdder readAheadUsed = new LongAdder();

    /** Without a cache: every item goes through the lookup statement. */
    public BatchIngestor() {
        this(new ResourceCache(0));
    }

    /** Items whose claimed hash equals the cached current hash skip the lookup (see {@link ResourceCache}). */
    public BatchIngestor(ResourceCache cache) {
        this.cache = cache;
    }

    public ResourceCache cache() {
        return cache;
    }

    /** Flushes whose changes were stored in one round trip by {@link #storeKnownChanges} (for tests and the bench). */
    public long knownChangeFlushes() {
        return knownChangeFlushes.sum();
    }

    /** Changes whose field-level diff came from the before side read ahead ({@link BeforeImagePrefetcher}). */
    public long readAheadUsed() {
        return readAheadUsed.sum();
    }

    /** COMPLETED markers that inferred no deletion from counts alone, without listing the live resources. */
    public long unseenCountShortcuts() {
        return unseenCountShortcuts.sum();
    }

    /** Like {@link #ingest(Connection, List, ResourceCache.Batch)}, without updating the cache. */
    public List<ResourceChange> ingest(Connection c, List<Prepared> events) throws SQLException {
        return ingest(c, events, cache.begin());
    }

    /**
     * Applies the events in order and returns the changes they caused, with blast radius filled. The
     * cache updates go to {@code batch}: call {@link ResourceCache.Batch#committed()} once the caller's
     * transaction has committed, never otherwise.
     */
    public List<ResourceChange> ingest(Connection c, List<Prepared> events, ResourceCache.Batch batch) throws SQLException {
        List<ResourceChange> changes = new ArrayList<>();
        List<Prepared.Item> pending = new ArrayList<>();
        PendingKeys pendingKeys = new PendingKeys(events.size());
        for (Prepared event : events) {
            if (event instanceof Prepared.Item item) {
                if (!pendingKeys.add(item)) {
                    flush(c, pending, changes, false, batch); // the same resource twice in a batch: keep the order
                    pendingKeys.clear();
                    pendingKeys.add(item);
                }
                pending.add(item);
            } else if (event instanceof Prepared.Marker marker) {
                flush(c, pending, changes, false, batch);
                pendingKeys.clear();
                onMarker(c, marker.marker(), changes, batch);
            }
        }
        List<ResourceChange> filled = flush(c, pending, changes, true, batch);
        if (filled == null) {
            filled = BlastRadius.fill(c, changes);
        }
        return filled;
    }

    /**
     * The keys of the items of one flush, found by the hash code each item computed once on the polling
     * thread: the key strings are compared only when two hashes are equal. The HashSet of key strings it
     * replaces took 10–12 % of the worker thread's JFR samples in the bench, hashing the keys.
     */
    static final class PendingKeys {
        private int[] hashes;
        private Prepared.Item[] items;
        private int size;

        /** Sized for {@code expected} keys without growing (a batch's events; 1 when a batch is replayed event by event). */
        PendingKeys(int expected) {
            int slots = Integer.highestOneBit(Math.max(8, 2 * expected) - 1) << 1;
            hashes = new int[slots];
            items = new Prepared.Item[slots];
        }

        /** False if an item with the same key was added since the last {@link #clear()}. */
        boolean add(Prepared.Item item) {
            if (2 * (size + 1) > items.length) {
                grow();
            }
            int h = item.keyHash();
            int mask = items.length - 1;
            int i = (h ^ (h >>> 16)) & mask;
            for (Prepared.Item other; (other = items[i]) != null; i = (i + 1) & mask) {
                if (hashes[i] == h && other.keyText().equals(item.keyText())) {
                    return false;
                }
            }
            hashes[i] = h;
            items[i] = item;
            size++;
            return true;
        }

        void clear() {
            if (size > 0) {
                Arrays.fill(items, null);
                size = 0;
            }
        }

        private void grow() {
            Prepared.Item[] old = items;
            hashes = new int[old.length * 2];
            items = new Prepared.Item[old.length * 2];
            size = 0;
            for (Prepared.Item it : old) {
                if (it != null) {
                    add(it);
                }
            }
        }
    }

    /**
     * Stores the pending items. For the last flush of a batch, the blast radius of all the batch's
     * changes is computed in the same round trip as its writes, when it has writes: returns the
     * changes with blast radius then, else null.
     */
    private List<ResourceChange> flush(Connection c, List<Prepared.Item> items, List<ResourceChange> changes, boolean last,
                                       ResourceCache.Batch batch) throws SQLException {
        if (items.isEmpty()) {
            return null;
        }
        // Cache hits are unchanged: they only need to be recorded as seen, which the lookup statement
        // does for them too (or one INSERT when every item of the flush is a hit).
        List<Prepared.Item> hits = new ArrayList<>();
        List<Long> hitPks = new ArrayList<>();
        List<Prepared.Item> misses = new ArrayList<>();
        for (Prepared.Item it : items) {
            long pk = cache.unchangedPk(batch, it);
            if (pk >= 0) {
                hits.add(it);
                hitPks.add(pk);
            } else {
                misses.add(it);
            }
        }
        List<ResourceChange> filled = null;
        if (misses.isEmpty()) {
            recordSeen(c, hits, hitPks);
        } else {
            Stored stored = storeKnownChanges(c, misses, hits, hitPks, changes, last, batch);
            if (stored != null) {
                filled = stored.filled();
            } else {
                Lookup lookup = lookUp(c, misses, hits, hitPks, batch);
                if (!lookup.rest().isEmpty()) {
                    filled = ingestSlow(c, lookup.rest(), lookup.current(), changes, last, batch);
                }
            }
        }
        items.clear();
        return filled;
    }

    /**
     * Records items as seen in their run: one row per (run, account), its pks packed here
     * ({@link SeenPks}) so PostgreSQL only stores bytes; bind with {@link #bindSeen}.
     */
    private static final String RECORD_SEEN = """
            INSERT INTO run_seen (run_id, account_id, packed_pks)
            SELECT * FROM unnest(?::text[], ?::text[], ?::bytea[])""";

    /**
     * The last statements of both write lists; bind with {@link #bindRelationshipsAndSeen}. The changed
     * resources' relationships become the new ones, writing only the difference: most changes leave
     * relationships as they were, and rewriting them all cost a delete and an insert per row.
     */
    private static final String REPLACE_RELATIONSHIPS_AND_RECORD_SEEN = """
            WITH present AS MATERIALIZED (
              SELECT rr.ctid AS row, rr.resource_pk AS pk, rr.name AS nm, rr.account_id AS acct, rr.target_type AS tt,
                rr.target_id AS tid
              FROM resource_relationship rr WHERE rr.resource_pk = ANY(?::bigint[])
            ), fresh AS MATERIALIZED (
              SELECT DISTINCT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(pk, nm, acct, tt, tid)
            ), stale AS (
              DELETE FROM resource_relationship WHERE ctid = ANY(ARRAY(
                SELECT p.row FROM present p LEFT JOIN fresh f USING (pk, nm, acct, tt, tid) WHERE f.pk IS NULL))
            )
            INSERT INTO resource_relationship (resource_pk, name, account_id, target_type, target_id)
            SELECT f.pk, f.nm, f.acct, f.tt, f.tid FROM fresh f LEFT JOIN present p USING (pk, nm, acct, tt, tid) WHERE p.pk IS NULL;
            """ + RECORD_SEEN;

    /** Most misses a flush may have to take {@link #storeKnownChanges}: the steady state has about 50 per 5,000-item poll. */
    static final int KNOWN_CHANGES_MAX = 128;

    private static final String KNOWN_CHANGES_SAVEPOINT = "driftwatch_known_changes";

    /** A flush stored by {@link #storeKnownChanges}; {@code filled} as {@link #flush} returns it. */
    private record Stored(List<ResourceChange> filled) {
    }

    /**
     * The new versions of the rows both known-change lists have just updated, at the rows' new state
     * id (only rows now at the new hash); bind with {@link #bindNewVersionColumns}.
     */
    private static final String INSERT_VERSIONS_AT_NEW_STATE = """
            INSERT INTO resource_version (resource_pk, state_id, status, configuration_hash, configuration, supplementary,
              tags, relationships, availability_zone, resource_created_at, valid_from, run_id)
            SELECT u.pk, r.current_state_id, 'OK', u.h, u.conf::json, u.supp::json, u.tags::json, u.rels::json, u.az,
              u.created::timestamptz, u.vfrom::timestamptz, u.run
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
              ?::text[]) AS u(pk, h, conf, supp, tags, rels, az, created, vfrom, run)
            JOIN resource r ON r.id = u.pk AND r.current_hash = u.h;
            """;

    /**
     * The statements of {@link #storeKnownChanges}, in one round trip: a savepoint; the locked rows with
     * their current configuration (as they were before this list's writes); then the writes of
     * {@link #WRITE_VERSIONS} with the state ids computed here, each guarded by the cached hash.
     */
    private static final String WRITE_KNOWN_CHANGES = "SAVEPOINT " + KNOWN_CHANGES_SAVEPOINT + ";\n" + """
            SELECT r.id, r.current_hash, r.current_state_id, r.deleted,
              CASE WHEN r.id = ANY(?::bigint[]) THEN (SELECT v.configuration::text FROM resource_version v
               WHERE v.resource_pk = r.id AND v.state_id = r.current_state_id AND v.valid_to IS NULL LIMIT 1) END
            FROM resource r WHERE r.id = ANY(?::bigint[]) ORDER BY r.id FOR UPDATE;
            UPDATE resource_version v SET valid_to = u.at::timestamptz
            FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(pk, eh, at), resource r
            WHERE r.id = u.pk AND r.current_hash = u.eh AND NOT r.deleted
              AND v.resource_pk = u.pk AND v.state_id = r.current_state_id AND v.valid_to IS NULL;
            UPDATE resource r SET current_hash = u.h, current_state_id = r.current_state_id + 1,
              last_seen = u.seen::timestamptz, last_run_id = u.run, arn = u.arn, resource_name = u.nm
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
              AS u(pk, eh, h, seen, run, arn, nm)
            WHERE r.id = u.pk AND r.current_hash = u.eh AND NOT r.deleted;
            """ + INSERT_VERSIONS_AT_NEW_STATE + REPLACE_RELATIONSHIPS_AND_RECORD_SEEN;

    /**
     * {@link #WRITE_KNOWN_CHANGES} when the before side of every change was read ahead: no row lock and
     * read first. Each write is guarded by the state the read-ahead saw (hash, state id, not deleted);
     * the update of the resource rows returns the rows it updated, and if one is missing (another writer
     * moved it on) the list is rolled back to the savepoint. The lock and read took 41 of the list's
     * 373 ms per 1 % snapshot in the bench (pg_stat_statements).
     */
    private static final String WRITE_READ_AHEAD_CHANGES = "SAVEPOINT " + KNOWN_CHANGES_SAVEPOINT + ";\n" + """
            UPDATE resource_version v SET valid_to = u.at::timestamptz
            FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[]) AS u(pk, eh, st, at), resource r
            WHERE r.id = u.pk AND r.current_hash = u.eh AND r.current_state_id = u.st AND NOT r.deleted
              AND v.resource_pk = u.pk AND v.state_id = u.st AND v.valid_to IS NULL;
            UPDATE resource r SET current_hash = u.h, current_state_id = u.st + 1,
              last_seen = u.seen::timestamptz, last_run_id = u.run, arn = u.arn, resource_name = u.nm
            FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
              AS u(pk, eh, st, h, seen, run, arn, nm)
            WHERE r.id = u.pk AND r.current_hash = u.eh AND r.current_state_id = u.st AND NOT r.deleted
            RETURNING r.id;
            """ + INSERT_VERSIONS_AT_NEW_STATE + REPLACE_RELATIONSHIPS_AND_RECORD_SEEN;

    /** A row as {@link #WRITE_KNOWN_CHANGES} locked it before its writes, or as the read-ahead saw it ({@link #WRITE_READ_AHEAD_CHANGES}). */
    private record Locked(String hash, long stateId, boolean deleted, String configuration) {
    }

    /**
     * The steady state, in ONE round trip instead of two: every miss of the flush is a resource the
     * cache knows (pk and current hash) and that stays a real change once canonicalised here. The rows
     * are locked and read, and the new versions written with state ids computed in SQL and guarded by
     * the cached hash, in one statement list under a savepoint; the field-level diff is computed after,
     * from the configuration read. Changes whose before side was read ahead ({@link BeforeImagePrefetcher})
     * take their diff from it, and when every change of the flush was, the rows are neither locked nor
     * read: the writes are guarded by the state read ahead ({@link #WRITE_READ_AHEAD_CHANGES}). If what
     * was read is not what the cache or the read-ahead said (another writer, a deleted row) or a change
     * turns out to mean nothing (the canonical form evolved), the list is rolled back to the savepoint
     * and the flush takes the lookup path, which handles those cases.
     * Returns null when this path does not apply or was rolled back.
     */
    private Stored storeKnownChanges(Connection c, List<Prepared.Item> misses, List<Prepared.Item> hits, List<Long> hitPks,
                                     List<ResourceChange> changes, boolean last, ResourceCache.Batch batch) throws SQLException {
        if (misses.size() > KNOWN_CHANGES_MAX) {
            return null;
        }
        List<ResourceCache.Known> known = new ArrayList<>(misses.size());
        for (Prepared.Item it : misses) {
            ResourceCache.Known k = cache.known(batch, it.keyText());
            if (k == null) {
                return null;
            }
            known.add(k);
        }
        List<Prepared.Item> seenItems = new ArrayList<>(hits);
        List<Long> seenPks = new ArrayList<>(hitPks);
        List<Canon> unchanged = new ArrayList<>();
        List<Long> unchangedPks = new ArrayList<>();
        List<Canon> changed = new ArrayList<>();
        List<ResourceCache.Known> changedKnown = new ArrayList<>();
        for (int i = 0; i < misses.size(); i++) {
            Canon x = canonical(misses.get(i));
            if (x.hash().equals(known.get(i).hash())) {
                unchanged.add(x);
                unchangedPks.add(known.get(i).pk());
            } else {
                changed.add(x);
                changedKnown.add(known.get(i));
            }
            seenItems.add(x.in());
            seenPks.add(known.get(i).pk());
        }
        if (changed.isEmpty()) {
            recordSeen(c, seenItems, seenPks);
            for (int i = 0; i < unchanged.size(); i++) {
                batch.put(unchanged.get(i).in().keyText(), unchanged.get(i).hash(), unchangedPks.get(i));
            }
            return new Stored(null);
        }
        List<Long> pks = changedKnown.stream().map(ResourceCache.Known::pk).toList();
        boolean blast = last;
        Map<Long, Locked> locked = new HashMap<>();
        List<BlastRadius.Row> blastRows = List.of();
        // The before side read ahead (BeforeImagePrefetcher) where it is ready and of the version the cache
        // knows; the configuration of the others is read under the lock.
        Prepared.Before[] ahead = new Prepared.Before[changed.size()];
        List<Long> readHere = new ArrayList<>();
        for (int i = 0; i < changed.size(); i++) {
            Prepared.Before b = changed.get(i).in().readAhead();
            if (b != null && b.hash().equals(changedKnown.get(i).hash())) {
                ahead[i] = b;
            } else {
                readHere.add(pks.get(i));
            }
        }
        boolean allAhead = readHere.isEmpty();
        Long[] aheadStates = allAhead ? Arrays.stream(ahead).map(Prepared.Before::stateId).toArray(Long[]::new) : null;
        try (PreparedStatement ps = c.prepareStatement((allAhead ? WRITE_READ_AHEAD_CHANGES : WRITE_KNOWN_CHANGES)
                + (blast ? ";\n" + BlastRadius.SQL : ""))) {
            int p = 1;
            if (!allAhead) {
                p = setArray(c, ps, p, "bigint", readHere.toArray(Long[]::new));
                p = setArray(c, ps, p, "bigint", pks.toArray(Long[]::new));
            }
            // End the current versions.
            p = setArray(c, ps, p, "bigint", pks.toArray(Long[]::new));
            p = setArray(c, ps, p, "text", changedKnown.stream().map(ResourceCache.Known::hash).toArray(String[]::new));
            if (allAhead) {
                p = setArray(c, ps, p, "bigint", aheadStates);
            }
            p = setArray(c, ps, p, "text", changed.stream().map(x -> x.in().captured().toString()).toArray(String[]::new));
            // The resource rows.
            p = setArray(c, ps, p, "bigint", pks.toArray(Long[]::new));
            p = setArray(c, ps, p, "text", changedKnown.stream().map(ResourceCache.Known::hash).toArray(String[]::new));
            if (allAhead) {
                p = setArray(c, ps, p, "bigint", aheadStates);
            }
            p = setArray(c, ps, p, "text", changed.stream().map(Canon::hash).toArray(String[]::new));
            p = setArray(c, ps, p, "text", changed.stream().map(x -> x.in().captured().toString()).toArray(String[]::new));
            p = setArray(c, ps, p, "text", changed.stream().map(x -> x.in().item().getRunId()).toArray(String[]::new));
            p = setArray(c, ps, p, "text", changed.stream().map(x -> x.in().item().getArn()).toArray(String[]::new));
            p = setArray(c, ps, p, "text", changed.stream().map(x -> x.in().item().getResourceName()).toArray(String[]::new));
            // The new versions.
            p = bindNewVersionColumns(c, ps, p, pks, changed);
            // Relationships are rewritten only where they may differ: not where the read-ahead found the
            // version's own (it is checked to be the locked row's version below, or the list rolls back).
            List<Long> relationshipPks = new ArrayList<>(changed.size());
            List<Prepared.Item> relationshipItems = new ArrayList<>(changed.size());
            for (int i = 0; i < changed.size(); i++) {
                if (ahead[i] == null || !ahead[i].sameRelationships()) {
                    relationshipPks.add(pks.get(i));
                    relationshipItems.add(changed.get(i).in());
                }
            }
            p = bindRelationshipsAndSeen(c, ps, p, relationshipPks, relationshipItems, seenItems, seenPks);
            if (blast) {
                // The batch's earlier changes, then this list's, in the order they will have in {@code changes}.
                List<String> accounts = new ArrayList<>();
                List<String> types = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (ResourceChange ch : changes) {
                    accounts.add(ch.getAccountId());
                    types.add(ch.getResourceType());
                    ids.add(ch.getResourceId());
                }
                for (Canon x : changed) {
                    accounts.add(x.in().item().getAccountId());
                    types.add(x.in().item().getResourceType());
                    ids.add(x.in().item().getResourceId());
                }
                BlastRadius.bindKeys(c, ps, p, accounts, types, ids);
            }
            boolean isResult = ps.execute();
            int resultSets = 0;
            while (isResult || ps.getUpdateCount() != -1) {
                if (isResult) {
                    try (ResultSet rs = ps.getResultSet()) {
                        if (resultSets++ == 0 && allAhead) {
                            // The rows updated: each was, before this list, the version read ahead.
                            Map<Long, Integer> at = new HashMap<>();
                            for (int i = 0; i < pks.size(); i++) {
                                at.put(pks.get(i), i);
                            }
                            while (rs.next()) {
                                int i = at.get(rs.getLong(1));
                                locked.put(pks.get(i), new Locked(changedKnown.get(i).hash(), ahead[i].stateId(), false, null));
                            }
                        } else if (resultSets == 1) {
                            while (rs.next()) {
                                locked.put(rs.getLong(1), new Locked(rs.getString(2), rs.getLong(3), rs.getBoolean(4), rs.getString(5)));
                            }
                        } else {
                            blastRows = BlastRadius.read(rs);
                        }
                    }
                }
                isResult = ps.getMoreResults();
            }
        } catch (SQLException e) {
            // For example a unique violation when another writer moved the row on: the lookup path decides.
            rollBackKnownChanges(c, e);
            return null;
        }

        List<VersionRow> versions = new ArrayList<>(changed.size());
        for (int i = 0; i < changed.size(); i++) {
            Canon x = changed.get(i);
            Locked row = locked.get(pks.get(i));
            if (row == null || row.deleted() || !changedKnown.get(i).hash().equals(row.hash())
                    || (ahead[i] == null ? row.configuration() == null : ahead[i].stateId() != row.stateId())) {
                rollBackKnownChanges(c, null);
                return null;
            }
            List<FieldChange> fields;
            if (ahead[i] != null) {
                fields = ahead[i].fields(); // the locked row is the version read ahead: same state id and hash
                readAheadUsed.increment();
            } else {
                String type = x.in().item().getResourceType();
                fields = fieldChanges(type, CanonicalJson.canonicalize(type, CanonicalJson.parse(row.configuration())), x.canonical());
            }
            if (fields.isEmpty()) {
                rollBackKnownChanges(c, null); // same meaning, new canonical text: the lookup path re-hashes in place
                return null;
            }
            versions.add(new VersionRow(x, pks.get(i), row.stateId() + 1, "OK", ResourceChange.ChangeType.MODIFIED, row.hash(), fields));
        }
        for (int i = 0; i < unchanged.size(); i++) {
            batch.put(unchanged.get(i).in().keyText(), unchanged.get(i).hash(), unchangedPks.get(i));
        }
        for (VersionRow v : versions) {
            batch.put(v.x().in().keyText(), v.x().hash(), v.pk());
            changes.add(v.toChange());
        }
        knownChangeFlushes.increment();
        return new Stored(blast ? BlastRadius.apply(blastRows, changes) : null);
    }

    private static void rollBackKnownChanges(Connection c, SQLException cause) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK TO SAVEPOINT " + KNOWN_CHANGES_SAVEPOINT);
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
                throw cause;
            }
            throw e;
        }
    }

    private static Canon canonical(Prepared.Item it) {
        Prepared.Canonical c = it.canonical(); // often made ahead on the polling thread (Prepared.Item#lookAhead)
        return new Canon(it, c.node(), c.text(), c.hash());
    }

    /** The items of a flush not unchanged by their claimed hash, and the locked rows of those that exist. */
    private record Lookup(List<Prepared.Item> rest, Map<String, Current> current) {
    }

    /**
     * One round trip for the whole flush. Items whose claimed hash is the stored one (the common,
     * unchanged case) are recorded as seen in their run (one run_seen row per (run, account)) and
     * nothing else is written for them. The resource rows of the other items are locked (in id order)
     * and returned with their current version's configuration, for the slow path.
     * The LATERAL lookups with LIMIT 1 and {@code = ANY(ARRAY(...))} keep every access a unique-index
     * probe whatever the planner estimates for unnest() and CTEs: as plain joins, a generic plan may
     * turn them into sequential scans of resource or resource_version.
     */
    private static Lookup lookUp(Connection c, List<Prepared.Item> items, List<Prepared.Item> hits, List<Long> hitPks,
                                 ResourceCache.Batch batch) throws SQLException {
        int n = items.size();
        String[] keys = new String[n];
        String[] claims = new String[n];
        Integer[] groups = new Integer[n];
        RunAccounts runAccounts = new RunAccounts();
        for (int i = 0; i < n; i++) {
            Prepared.Item it = items.get(i);
            keys[i] = it.keyText();
            claims[i] = it.claimedHash(); // empty when not claimed: never equal to a stored hash
            groups[i] = runAccounts.indexOf(it.runId(), it.accountId());
        }
        List<Prepared.Item> rest = new ArrayList<>();
        Map<String, Current> current = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH found AS MATERIALIZED (
                  SELECT u.ord, u.grp, r.id, coalesce(NOT r.deleted AND r.current_hash = u.h, FALSE) AS same
                  FROM unnest(?::text[], ?::text[], ?::int[]) WITH ORDINALITY AS u(k, h, grp, ord)
                  LEFT JOIN LATERAL (SELECT id, deleted, current_hash FROM resource WHERE resource_key = u.k LIMIT 1) r ON TRUE
                ), seen AS (
                  INSERT INTO run_seen (run_id, account_id, resource_pks)
                  SELECT g.run, g.acct, array_agg(f.id)
                  FROM found f JOIN unnest(?::text[], ?::text[]) WITH ORDINALITY AS g(run, acct, grp) ON g.grp = f.grp
                  WHERE f.same
                  GROUP BY g.run, g.acct
                ), seen_hits AS (
                  INSERT INTO run_seen (run_id, account_id, packed_pks)
                  SELECT * FROM unnest(?::text[], ?::text[], ?::bytea[])
                ), locked AS MATERIALIZED (
                  SELECT r.id, r.resource_type, r.current_hash, r.current_state_id, r.deleted FROM resource r
                  WHERE r.id = ANY(ARRAY(SELECT id FROM found WHERE NOT same AND id IS NOT NULL)) ORDER BY r.id FOR UPDATE
                )
                SELECT f.ord, l.id, l.resource_type, l.current_hash, l.current_state_id, l.deleted, v.configuration, f.same, f.id
                FROM found f
                LEFT JOIN locked l ON l.id = f.id
                LEFT JOIN LATERAL (SELECT configuration::text AS configuration FROM resource_version
                                   WHERE resource_pk = l.id AND state_id = l.current_state_id AND valid_to IS NULL LIMIT 1) v
                  ON NOT l.deleted""")) {
            ps.setArray(1, c.createArrayOf("text", keys));
            ps.setArray(2, c.createArrayOf("text", claims));
            ps.setArray(3, c.createArrayOf("int4", groups));
            ps.setArray(4, c.createArrayOf("text", runAccounts.runs.toArray(String[]::new)));
            ps.setArray(5, c.createArrayOf("text", runAccounts.accounts.toArray(String[]::new)));
            bindSeen(c, ps, 6, hits, hitPks);
            boolean[] notUnchanged = new boolean[n];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) rs.getLong(1) - 1;
                    if (rs.getBoolean(8)) {
                        // Unchanged by the stored hash: the cache learns it (applied only if this transaction commits).
                        batch.put(keys[i], claims[i], rs.getLong(9));
                        continue;
                    }
                    notUnchanged[i] = true;
                    if (rs.getObject(2) != null) {
                        // The version is joined on the LOCKED row's state id: if another writer committed a
                        // new version while this one waited for the lock, it is not in this statement's
                        // snapshot, the configuration is null and currentConfigurations reads it again.
                        current.put(items.get(i).keyText(), new Current(rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5), rs.getBoolean(6), rs.getString(7)));
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (notUnchanged[i]) {
                    rest.add(items.get(i));
                }
            }
        }
        return new Lookup(rest, current);
    }

    /** Records cache hits as seen in their run: one run_seen row per (run, account), one statement. */
    private static void recordSeen(Connection c, List<Prepared.Item> hits, List<Long> pks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORD_SEEN)) {
            bindSeen(c, ps, 1, hits, pks);
            ps.executeUpdate();
        }
    }

    /** The distinct (run, account) pairs of a flush, numbered from 1 in order of appearance. */
    static final class RunAccounts {
        final List<String> runs = new ArrayList<>();
        final List<String> accounts = new ArrayList<>();
        private final Map<List<String>, Integer> index = new HashMap<>();

        private String lastRun;
        private String lastAccount;
        private int lastIndex;

        int indexOf(String run, String account) {
            if (run.equals(lastRun) && account.equals(lastAccount)) {
                return lastIndex; // the usual case: a batch holds long stretches of one account's run
            }
            lastIndex = index.computeIfAbsent(List.of(run, account), k -> {
                runs.add(k.get(0));
                accounts.add(k.get(1));
                return runs.size();
            });
            lastRun = run;
            lastAccount = account;
            return lastIndex;
        }
    }

    /** The locked resource row; configuration is its current version's JSON (null if deleted). */
    private record Current(long pk, String resourceType, String hash, long stateId, boolean deleted, String configuration) {
    }

    private record Canon(Prepared.Item in, JsonNode canonical, String text, String hash) {
    }

    private List<ResourceChange> ingestSlow(Connection c, List<Prepared.Item> items, Map<String, Current> current,
                                            List<ResourceChange> changes, boolean last, ResourceCache.Batch batch)
            throws SQLException {
        List<Canon> canon = new ArrayList<>(items.size());
        for (Prepared.Item it : items) {
            canon.add(canonical(it));
        }

        List<Canon> unchanged = new ArrayList<>();
        List<Canon> added = new ArrayList<>();
        List<Canon> changed = new ArrayList<>();
        for (Canon x : canon) {
            Current cur = current.get(x.in().keyText());
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
                .map(x -> current.get(x.in().keyText())).filter(cur -> !cur.deleted()).toList());

        List<VersionRow> versions = new ArrayList<>();
        for (Canon x : added) {
            long pk = newPks.get(x.in().keyText());
            versions.add(new VersionRow(x, pk, 1, "ResourceDiscovered", ResourceChange.ChangeType.ADDED, null, List.of()));
        }
        List<Canon> rehashed = new ArrayList<>();
        for (Canon x : List.copyOf(changed)) {
            Current cur = current.get(x.in().keyText());
            List<FieldChange> fields = List.of();
            JsonNode b = cur.deleted() ? null : before.get(cur.pk());
            if (b != null) {
                fields = fieldChanges(x.in().item().getResourceType(), b, x.canonical());
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

        // Every item of the slow path is seen in its run: unchanged ones and new versions.
        List<Long> seenPks = new ArrayList<>();
        List<Prepared.Item> seenItems = new ArrayList<>();
        for (Canon x : unchanged) {
            seenItems.add(x.in());
            seenPks.add(current.get(x.in().keyText()).pk());
        }
        for (VersionRow v : versions) {
            seenItems.add(v.x().in());
            seenPks.add(v.pk());
        }
        for (VersionRow v : versions) {
            changes.add(v.toChange());
        }
        // The hashes these items leave as current (the lookup locked their rows; applied after commit).
        for (int i = 0; i < seenItems.size(); i++) {
            Prepared.Item it = seenItems.get(i);
            batch.put(it.keyText(), i < unchanged.size() ? unchanged.get(i).hash() : versions.get(i - unchanged.size()).x().hash(),
                    seenPks.get(i));
        }
        return writeVersions(c, changed.stream().map(x -> current.get(x.in().keyText())).toList(),
                changed.stream().map(x -> x.in().captured()).toList(),
                versions.stream().filter(v -> current.containsKey(v.x().in().keyText())).toList(),
                versions, seenItems, seenPks, last && !changes.isEmpty() ? changes : null);
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
            cols[0][i] = added.get(i).in().keyText();
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

    /**
     * Canonical current configurations of the non-deleted resources: taken from the lock statement,
     * else (written by another writer meanwhile) read by (id, state id) after the lock.
     */
    private static Map<Long, JsonNode> currentConfigurations(Connection c, List<Current> resources) throws SQLException {
        Map<Long, JsonNode> out = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        List<Long> missingStates = new ArrayList<>();
        Map<Long, String> texts = new HashMap<>();
        for (Current cur : resources) {
            if (cur.configuration() != null) {
                texts.put(cur.pk(), cur.configuration());
            } else {
                missing.add(cur.pk());
                missingStates.add(cur.stateId());
            }
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT v.resource_pk, v.configuration::text FROM unnest(?::bigint[], ?::bigint[]) AS u(pk, st)
                    JOIN resource_version v ON v.resource_pk = u.pk AND v.state_id = u.st
                    WHERE v.valid_to IS NULL""")) {
                ps.setArray(1, c.createArrayOf("bigint", missing.toArray(Long[]::new)));
                ps.setArray(2, c.createArrayOf("bigint", missingStates.toArray(Long[]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(2) != null) {
                            texts.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
            }
        }
        for (Current cur : resources) {
            String text = texts.get(cur.pk());
            if (text != null) {
                // Re-canonicalise: a version written as jsonb (before V11) or under an older canonical form differs.
                out.put(cur.pk(), CanonicalJson.canonicalize(cur.resourceType(), CanonicalJson.parse(text)));
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
                     """
                     UPDATE resource_version SET configuration_hash = ?, configuration = ?::json
                     WHERE resource_pk = ? AND state_id = ? AND valid_to IS NULL""")) {
            for (Canon x : rows) {
                Current cur = current.get(x.in().keyText());
                res.setString(1, x.hash());
                res.setLong(2, cur.pk());
                res.addBatch();
                ver.setString(1, x.hash());
                ver.setString(2, x.text());
                ver.setLong(3, cur.pk());
                ver.setLong(4, cur.stateId());
                ver.addBatch();
            }
            res.executeBatch();
            ver.executeBatch();
        }
    }

    /** The statements of {@link #writeVersions}; pgjdbc sends them in one round trip, executed in order. */
    private static final String WRITE_VERSIONS = """
            UPDATE resource_version v SET valid_to = u.at::timestamptz
            FROM unnest(?::bigint[], ?::bigint[], ?::text[]) AS u(pk, st, at)
            WHERE v.resource_pk = u.pk AND v.state_id = u.st AND v.valid_to IS NULL;
            UPDATE resource r SET current_hash = u.h, current_state_id = u.st, deleted = FALSE,
              last_seen = u.seen::timestamptz, last_run_id = u.run, arn = u.arn, resource_name = u.nm
            FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
              AS u(pk, h, st, seen, run, arn, nm)
            WHERE r.id = u.pk;
            INSERT INTO resource_version (resource_pk, state_id, status, configuration_hash, configuration, supplementary,
              tags, relationships, availability_zone, resource_created_at, valid_from, run_id)
            SELECT pk, st, status, h, conf::json, supp::json, tags::json, rels::json, az, created::timestamptz,
              vfrom::timestamptz, run
            FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
              ?::text[], ?::text[], ?::text[], ?::text[])
              AS u(pk, st, status, h, conf, supp, tags, rels, az, created, vfrom, run);
            """ + REPLACE_RELATIONSHIPS_AND_RECORD_SEEN;

    /**
     * All writes of the changed items of a flush in one round trip (one multi-statement execution of
     * set-based statements, applied in order): end the current versions, update the resource rows,
     * insert the new versions, replace the relationships, record the items as seen in their run; then,
     * if blastFor is given, the blast radius of those changes (returned filled; else returns null).
     */
    private static List<ResourceChange> writeVersions(Connection c, List<Current> closed, List<Instant> closedAt,
                                                      List<VersionRow> existing, List<VersionRow> versions,
                                                      List<Prepared.Item> seenItems, List<Long> seenPks,
                                                      List<ResourceChange> blastFor) throws SQLException {
        if (closed.isEmpty() && versions.isEmpty() && seenItems.isEmpty()) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(WRITE_VERSIONS + (blastFor == null ? "" : ";\n" + BlastRadius.SQL))) {
            int p = 1;
            // End the current versions.
            p = setArray(c, ps, p, "bigint", closed.stream().map(Current::pk).toArray(Long[]::new));
            p = setArray(c, ps, p, "bigint", closed.stream().map(Current::stateId).toArray(Long[]::new));
            p = setArray(c, ps, p, "text", closedAt.stream().map(Instant::toString).toArray(String[]::new));
            // Resource rows of the resources that existed.
            p = setArray(c, ps, p, "bigint", existing.stream().map(VersionRow::pk).toArray(Long[]::new));
            p = setArray(c, ps, p, "text", existing.stream().map(v -> v.x().hash()).toArray(String[]::new));
            p = setArray(c, ps, p, "bigint", existing.stream().map(VersionRow::stateId).toArray(Long[]::new));
            p = setArray(c, ps, p, "text", existing.stream().map(v -> v.x().in().captured().toString()).toArray(String[]::new));
            p = setArray(c, ps, p, "text", existing.stream().map(v -> v.x().in().item().getRunId()).toArray(String[]::new));
            p = setArray(c, ps, p, "text", existing.stream().map(v -> v.x().in().item().getArn()).toArray(String[]::new));
            p = setArray(c, ps, p, "text", existing.stream().map(v -> v.x().in().item().getResourceName()).toArray(String[]::new));
            // New versions.
            p = setArray(c, ps, p, "bigint", versions.stream().map(VersionRow::pk).toArray(Long[]::new));
            p = setArray(c, ps, p, "bigint", versions.stream().map(VersionRow::stateId).toArray(Long[]::new));
            p = setArray(c, ps, p, "text", versions.stream().map(VersionRow::status).toArray(String[]::new));
            p = bindNewVersionColumns(c, ps, p, null, versions.stream().map(VersionRow::x).toList());
            p = bindRelationshipsAndSeen(c, ps, p, versions.stream().map(VersionRow::pk).toList(),
                    versions.stream().map(v -> v.x().in()).toList(), seenItems, seenPks);
            if (blastFor == null) {
                ps.execute();
                return null;
            }
            BlastRadius.bind(c, ps, p, blastFor);
            boolean isResult = ps.execute();
            while (!isResult && ps.getUpdateCount() != -1) {
                isResult = ps.getMoreResults();
            }
            try (ResultSet rs = ps.getResultSet()) {
                return BlastRadius.apply(rs, blastFor);
            }
        }
    }

    /**
     * Binds {@link #REPLACE_RELATIONSHIPS_AND_RECORD_SEEN}: the relationships of the items' new current
     * versions (resource pks in the same order as the items), then the items seen in their run.
     */
    private static int bindRelationshipsAndSeen(Connection c, PreparedStatement ps, int p, List<Long> pks,
                                                List<Prepared.Item> items, List<Prepared.Item> seenItems, List<Long> seenPks)
            throws SQLException {
        p = setArray(c, ps, p, "bigint", pks.toArray(Long[]::new));
        List<Long> relPks = new ArrayList<>();
        List<String> relNames = new ArrayList<>();
        List<String> relAccounts = new ArrayList<>();
        List<String> relTypes = new ArrayList<>();
        List<String> relIds = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ConfigurationItem item = items.get(i).item();
            for (Relationship r : item.getRelationshipsList()) {
                relPks.add(pks.get(i));
                relNames.add(r.getName());
                relAccounts.add(item.getAccountId());
                relTypes.add(r.getResourceType());
                relIds.add(r.getResourceId());
            }
        }
        p = setArray(c, ps, p, "bigint", relPks.toArray(Long[]::new));
        p = setArray(c, ps, p, "text", relNames.toArray(String[]::new));
        p = setArray(c, ps, p, "text", relAccounts.toArray(String[]::new));
        p = setArray(c, ps, p, "text", relTypes.toArray(String[]::new));
        p = setArray(c, ps, p, "text", relIds.toArray(String[]::new));
        return bindSeen(c, ps, p, seenItems, seenPks);
    }

    /**
     * Binds {@link #RECORD_SEEN}: one (run, account, packed pks) row per distinct (run, account) of the
     * items. A batch holds a few such groups and thousands of items, which travel as a few kilobytes of
     * bytea in binary, not as a text array PostgreSQL has to parse.
     */
    private static int bindSeen(Connection c, PreparedStatement ps, int p, List<Prepared.Item> seenItems, List<Long> seenPks)
            throws SQLException {
        RunAccounts runAccounts = new RunAccounts();
        int n = seenItems.size();
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) {
            groups[i] = runAccounts.indexOf(seenItems.get(i).runId(), seenItems.get(i).accountId());
        }
        int groupCount = runAccounts.runs.size();
        byte[][] packed = new byte[groupCount][];
        long[] pks = new long[n];
        for (int g = 1; g <= groupCount; g++) {
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (groups[i] == g) {
                    pks[m++] = seenPks.get(i);
                }
            }
            packed[g - 1] = SeenPks.pack(pks, m);
        }
        p = setArray(c, ps, p, "text", runAccounts.runs.toArray(String[]::new));
        p = setArray(c, ps, p, "text", runAccounts.accounts.toArray(String[]::new));
        ps.setObject(p, packed); // pgjdbc sends a byte[][] as a binary bytea[]
        return p + 1;
    }

    /**
     * Binds the new versions' columns from the configuration hash on (hash, configuration, supplementary,
     * tags, relationships, availability zone, creation time, valid from, run), preceded by their pks if given.
     */
    private static int bindNewVersionColumns(Connection c, PreparedStatement ps, int p, List<Long> pks, List<Canon> rows)
            throws SQLException {
        if (pks != null) {
            p = setArray(c, ps, p, "bigint", pks.toArray(Long[]::new));
        }
        p = setArray(c, ps, p, "text", rows.stream().map(Canon::hash).toArray(String[]::new));
        p = setArray(c, ps, p, "text", rows.stream().map(Canon::text).toArray(String[]::new));
        // Made ahead by the read-ahead thread for most changes (Prepared.Item#versionJson).
        p = setArray(c, ps, p, "text", rows.stream().map(x -> x.in().versionJson().supplementary()).toArray(String[]::new));
        p = setArray(c, ps, p, "text", rows.stream().map(x -> x.in().versionJson().tags()).toArray(String[]::new));
        p = setArray(c, ps, p, "text", rows.stream().map(x -> x.in().versionJson().relationships()).toArray(String[]::new));
        p = setArray(c, ps, p, "text", rows.stream().map(x -> x.in().item().getAvailabilityZone())
                .map(az -> az.isEmpty() ? null : az).toArray(String[]::new));
        p = setArray(c, ps, p, "text", rows.stream().map(x -> x.in().item())
                .map(item -> item.hasResourceCreationTime() ? toInstant(item.getResourceCreationTime()).toString() : null)
                .toArray(String[]::new));
        p = setArray(c, ps, p, "text", rows.stream().map(x -> x.in().captured().toString()).toArray(String[]::new));
        return setArray(c, ps, p, "text", rows.stream().map(x -> x.in().item().getRunId()).toArray(String[]::new));
    }

    private static int setArray(Connection c, PreparedStatement ps, int index, String type, Object[] values) throws SQLException {
        ps.setArray(index, c.createArrayOf(type, values));
        return index + 1;
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

    private record VersionRow(Canon x, long pk, long stateId, String status, ResourceChange.ChangeType type,
                              String hashBefore, List<FieldChange> fields) {
        ResourceChange toChange() {
            ConfigurationItem item = x.in().item();
            ResourceKey key = x.in().key();
            // The canonical text as UTF-8 bytes (an array copy for ASCII text): protobuf encodes a String
            // field char by char each time the change is sized and written. Serialising the changes fell
            // from 26 % to 17 % of the worker thread's JFR samples at 1 % churn (bench).
            ConfigurationItem stored = item.toBuilder()
                    .setConfigurationBytes(ByteString.copyFromUtf8(x.text())).setConfigurationHash(x.hash())
                    .setConfigurationStateId(stateId)
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

    private void onMarker(Connection c, CollectionRunMarker marker, List<ResourceChange> changes, ResourceCache.Batch batch)
            throws SQLException {
        Instant at = toInstant(marker.getAt());
        if (marker.getPhase() == CollectionRunMarker.Phase.STARTED) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO collection_snapshot (run_id, account_id, started_at, deletions_at_start)
                    VALUES (?, ?, ?, coalesce((SELECT inferences FROM account_deletions WHERE account_id = ?), 0))
                    ON CONFLICT (run_id, account_id) DO NOTHING""")) {
                ps.setString(1, marker.getRunId());
                ps.setString(2, marker.getAccountId());
                ps.setObject(3, java.sql.Timestamp.from(at));
                ps.setString(4, marker.getAccountId());
                ps.executeUpdate();
            }
            return;
        }
        RunState run = runState(c, marker);
        if (run.completed()) {
            // Delivered again (Kafka delivers at least once: after a rebalance or a crash, the records since
            // the last committed offset come again). The run's run_seen rows were deleted when it completed,
            // so inferring deletions again would take every resource the redelivered records did not
            // repeat for deleted. Drop the rows those records re-created instead.
            forgetSeen(c, marker);
            return;
        }
        long removed = 0;
        boolean anyComplete = marker.getListingsList().stream().anyMatch(l -> l.getStatus() == ListingOutcome.Status.COMPLETE);
        if (marker.getAccountError().isEmpty() && anyComplete) {
            long[] seen = seenInRun(c, marker);
            if (nothingLiveUnseen(c, marker, run, seen.length)) {
                unseenCountShortcuts.increment();
            } else {
                for (ListingOutcome listing : marker.getListingsList()) {
                    if (listing.getStatus() == ListingOutcome.Status.COMPLETE) {
                        removed += inferDeletions(c, marker, listing, at, seen, changes, batch);
                    }
                }
                if (removed > 0) {
                    countDeletionInference(c, marker.getAccountId());
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
        forgetSeen(c, marker);
    }

    /**
     * The run's snapshot row as the COMPLETED marker finds it (locked until commit): whether the marker
     * was applied already, and the account's deletion-inference counter at the STARTED marker (null
     * when the STARTED marker was not stored).
     */
    private record RunState(boolean completed, Long deletionsAtStart) {
    }

    private static RunState runState(Connection c, CollectionRunMarker marker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT completed_at IS NOT NULL, deletions_at_start FROM collection_snapshot
                WHERE run_id = ? AND account_id = ? FOR UPDATE""")) {
            ps.setString(1, marker.getRunId());
            ps.setString(2, marker.getAccountId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new RunState(false, null);
                }
                long deletions = rs.getLong(2);
                return new RunState(rs.getBoolean(1), rs.wasNull() ? null : deletions);
            }
        }
    }

    /**
     * Whether no live resource of the account can have gone unseen by the run, without listing them:
     * everything the run saw was live when stored, so if no other run of the account has inferred a
     * deletion since this run started, what it saw is still live, and as many distinct resources seen
     * as there are live ones means they are the same set. The live count is one row that triggers on
     * resource keep exact (V6): counting the rows instead visited every heap page updated since the
     * last vacuum, a cost that grew with each snapshot.
     */
    private static boolean nothingLiveUnseen(Connection c, CollectionRunMarker marker, RunState run, int distinctSeen)
            throws SQLException {
        if (run.deletionsAtStart() == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce((SELECT live FROM account_live_resources WHERE account_id = ?), 0),
                  coalesce((SELECT inferences FROM account_deletions WHERE account_id = ?), 0)""")) {
            ps.setString(1, marker.getAccountId());
            ps.setString(2, marker.getAccountId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == distinctSeen && rs.getLong(2) == run.deletionsAtStart();
            }
        }
    }

    /** Tells runs of the account in flight that something they saw may be deleted now (see {@link #nothingLiveUnseen}). */
    private static void countDeletionInference(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO account_deletions (account_id, inferences) VALUES (?, 1)
                ON CONFLICT (account_id) DO UPDATE SET inferences = account_deletions.inferences + 1""")) {
            ps.setString(1, accountId);
            ps.executeUpdate();
        }
    }

    private static void forgetSeen(Connection c, CollectionRunMarker marker) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM run_seen WHERE run_id = ? AND account_id = ?")) {
            ps.setString(1, marker.getRunId());
            ps.setString(2, marker.getAccountId());
            ps.executeUpdate();
        }
    }

    private record Gone(long pk, String resourceId, String arn, String hash, long stateId, String name) {
    }

    /** Ids of the resources the run has seen in the account (run_seen rows of the batches so far): sorted, distinct. */
    private static long[] seenInRun(Connection c, CollectionRunMarker marker) throws SQLException {
        SeenPks.Distinct seen = new SeenPks.Distinct();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT resource_pks, packed_pks FROM run_seen WHERE run_id = ? AND account_id = ?")) {
            ps.setString(1, marker.getRunId());
            ps.setString(2, marker.getAccountId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array array = rs.getArray(1);
                    if (array != null) {
                        for (Long pk : (Long[]) array.getArray()) {
                            seen.accept(pk);
                        }
                    }
                    byte[] packed = rs.getBytes(2);
                    if (packed != null) {
                        SeenPks.unpack(packed, seen);
                    }
                }
            }
        }
        return seen.sorted();
    }

    private long inferDeletions(Connection c, CollectionRunMarker marker, ListingOutcome listing, Instant at,
                                long[] seen, List<ResourceChange> changes, ResourceCache.Batch batch) throws SQLException {
        // Candidates: live resources of the listing's scope not seen in this run (the anti-join is done
        // here, on the sorted pks, so its cost stays n log n whatever the planner thinks of unnest()).
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
                    if (Arrays.binarySearch(seen, rs.getLong(1)) < 0) {
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
            batch.remove(new ResourceKey(marker.getAccountId(), listing.getRegion(), listing.getResourceType(), g.resourceId()).toString());
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

    /** The field-level changes from one canonical configuration of a resource type to another, as events carry them. */
    static List<FieldChange> fieldChanges(String type, JsonNode before, JsonNode after) {
        List<FieldChange> fields = new ArrayList<>();
        for (ConfigurationDiffer.Change ch : ConfigurationDiffer.diff(type, before, after)) {
            fields.add(toProto(ch));
        }
        return fields;
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
