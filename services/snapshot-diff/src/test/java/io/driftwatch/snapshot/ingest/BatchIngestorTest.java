package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.CollectionRunMarker;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.ListingOutcome;
import io.driftwatch.proto.v1.Relationship;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.support.Estate;
import io.driftwatch.snapshot.support.ScratchSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link BatchIngestor} on a real PostgreSQL, without Kafka: the set-based round trips (one lookup
 * per flush, one statement list for the writes with the blast radius last) must keep the semantics
 * of applying the events one by one.
 */
class BatchIngestorTest {
    private static final String SCHEMA = "batch_ingestor_test";
    private static PGSimpleDataSource ds;

    private final Estate e = new Estate(null);
    private final BatchIngestor ingestor = new BatchIngestor();

    @BeforeAll
    static void schema() throws SQLException {
        ds = ScratchSchema.migrated(SCHEMA);
    }

    @Test
    void blastRadiusSeesTheRelationshipsWrittenByTheSameBatch() throws SQLException {
        ingest(item(e.sg("sg-b", "10.0.0.0/8"), "r1"), item(e.instance("i-b", "t3.micro", "dev"), "r1"));

        // One batch: the security group changes and the instance now uses it.
        List<ResourceChange> changes = ingest(item(e.sg("sg-b", "0.0.0.0/0"), "r2"),
                item(e.instance("i-b", "t3.micro", "dev", "sg-b"), "r2"));

        assertThat(changes).extracting(ResourceChange::getResourceId).containsExactly("sg-b", "i-b");
        assertThat(changes.get(0).getBlastRadiusList()).containsExactly(Relationship.newBuilder()
                .setName("Is associated with SecurityGroup").setResourceType(Estate.INSTANCE).setResourceId("i-b").build());
        assertThat(changes.get(1).getBlastRadiusList()).isEmpty();
    }

    /** Both write paths (the lookup path, and the one-round-trip path of a cached resource) write only the difference. */
    @Test
    void aChangeLeavesTheResourceWithExactlyItsNewRelationships() throws SQLException {
        BatchIngestor cached = new BatchIngestor(new ResourceCache(1000));
        for (BatchIngestor with : List.of(ingestor, cached)) {
            String i = with == ingestor ? "i-rel-lookup" : "i-rel-cached";
            ingestVia(with, true, item(e.instance(i, "t3.micro", "dev", "sg-r1", "sg-r2"), "r1"));
            ingestVia(with, true, item(e.instance(i, "t3.large", "dev", "sg-r2", "sg-r3", "sg-r3"), "r2"));
            assertThat(relationshipTargets(i)).as(i).containsExactly("sg-r2", "sg-r3");
            ingestVia(with, true, item(e.instance(i, "t3.xlarge", "dev", "sg-r3", "sg-r2"), "r3"));
            assertThat(relationshipTargets(i)).as(i).containsExactly("sg-r2", "sg-r3");
            ingestVia(with, true, item(e.instance(i, "t3.nano", "dev"), "r4"));
            assertThat(relationshipTargets(i)).as(i).isEmpty();
        }
        assertThat(cached.knownChangeFlushes()).as("the cached resource's changes took the one-round-trip path").isEqualTo(3);
    }

    private List<String> relationshipTargets(String resourceId) throws SQLException {
        List<String> targets = new ArrayList<>();
        try (PreparedStatement ps = connection().prepareStatement("""
                SELECT rr.target_id FROM resource_relationship rr JOIN resource r ON r.id = rr.resource_pk
                WHERE r.resource_key = ? ORDER BY rr.target_id""")) {
            ps.setString(1, e.key(Estate.INSTANCE, resourceId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    targets.add(rs.getString(1));
                }
            }
        }
        connection().commit();
        return targets;
    }

    @Test
    void theSameResourceTwiceInABatchMakesTwoVersionsInOrder() throws SQLException {
        List<ResourceChange> changes = ingest(item(e.instance("i-t", "t3.micro", "dev"), "r1"),
                item(e.instance("i-t", "t3.large", "dev"), "r1"));

        assertThat(changes).extracting(ResourceChange::getChangeType)
                .containsExactly(ResourceChange.ChangeType.ADDED, ResourceChange.ChangeType.MODIFIED);
        assertThat(changes).extracting(ResourceChange::getConfigurationStateId).containsExactly(1L, 2L);
        assertThat(changes.get(1).getHashBefore()).isEqualTo(changes.get(0).getHashAfter());
        assertThat(changes.get(1).getFieldChangesList()).singleElement()
                .satisfies(f -> assertThat(f.getPath()).isEqualTo("/instanceType"));
    }

    @Test
    void itemsRecognisedByTheirClaimedHashCountAsSeenForDeletions() throws SQLException {
        ConfigurationItem kept = e.sg("sg-k", "10.0.0.0/8");
        ConfigurationItem unclaimed = e.sg("sg-u", "10.0.0.0/8");
        ConfigurationItem gone = e.sg("sg-g", "10.0.0.0/8");
        ingest(started("d1"), item(kept, "d1"), item(unclaimed, "d1"), item(gone, "d1"), completed("d1"));

        // Unchanged with the collector's hash (fast path), unchanged without a claimed hash (slow path), missing.
        List<ResourceChange> changes = ingest(started("d2"), item(kept, "d2"),
                item(unclaimed, "d2").toBuilder().setConfigurationHash("").build(), completed("d2"));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.REMOVED);
            assertThat(c.getResourceId()).isEqualTo("sg-g");
        });
    }

    /**
     * Kafka delivers at least once: after a rebalance or a crash, the records since the last committed
     * offset come again, COMPLETED markers included. By then the run's run_seen rows are gone, so a
     * marker applied twice would take every resource the redelivered records did not repeat for deleted.
     */
    @Test
    void aCompletedMarkerDeliveredAgainDeletesNothing() throws SQLException {
        ConfigurationItem first = e.sg("sg-r1", "10.0.0.0/8");
        ConfigurationItem second = e.sg("sg-r2", "10.0.0.0/8");
        ConfigurationItem gone = e.sg("sg-r3", "10.0.0.0/8");
        ingest(started("before"), item(first, "before"), item(second, "before"), item(gone, "before"), completed("before"));
        // The next run, unchanged but for sg-r3, in two batches.
        ConfigurationItem secondAgain = item(second, "again");
        ingest(started("again"), item(first, "again"));
        List<ResourceChange> changes = ingest(secondAgain, completed("again"));
        assertThat(changes).extracting(ResourceChange::getResourceId, ResourceChange::getChangeType)
                .containsExactly(tuple("sg-r3", ResourceChange.ChangeType.REMOVED));

        // The second batch comes again, exactly as it was.
        assertThat(ingest(secondAgain, completed("again"))).isEmpty();

        try (PreparedStatement ps = connection().prepareStatement(
                "SELECT resource_id, deleted FROM resource WHERE account_id = ? AND resource_id LIKE 'sg-r%' ORDER BY resource_id")) {
            ps.setString(1, e.account);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + (rs.getBoolean(2) ? " deleted" : " live"));
                }
            }
            assertThat(rows).containsExactly("sg-r1 live", "sg-r2 live", "sg-r3 deleted");
        }
        try (PreparedStatement ps = connection().prepareStatement("SELECT count(*) FROM run_seen WHERE run_id = ?")) {
            ps.setString(1, e.runId("again"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("run_seen rows the redelivered records re-created").isZero();
            }
        }
        commit();
    }

    /**
     * A run that saw as many distinct resources as are live takes the count shortcut, which must not
     * hide a deletion when a resource it saw was deleted by another run of the account meanwhile: then
     * "as many" no longer means "the same ones".
     */
    @Test
    void aDeletionByAnotherRunInFlightStillLetsTheRunInferItsOwn() throws SQLException {
        ConfigurationItem a = e.sg("sg-f1", "10.0.0.0/8");
        ConfigurationItem b = e.sg("sg-f2", "10.0.0.0/8");
        ConfigurationItem c = e.sg("sg-f3", "10.0.0.0/8");
        ingest(started("f0"), item(a, "f0"), item(b, "f0"), completed("f0"));
        // Run f1 starts and sees sg-f1. Run f2 starts, sees sg-f2 and the new sg-f3, completes: sg-f1 is deleted.
        ingest(started("f1"), item(a, "f1"));
        assertThat(ingest(started("f2"), item(b, "f2"), item(c, "f2"), completed("f2")))
                .extracting(ResourceChange::getResourceId, ResourceChange::getChangeType)
                .containsExactly(tuple("sg-f3", ResourceChange.ChangeType.ADDED), tuple("sg-f1", ResourceChange.ChangeType.REMOVED));
        // f1 sees sg-f2 and completes: 2 seen, 2 live (sg-f2, sg-f3), yet sg-f3 is live and unseen by f1's complete listing.
        assertThat(ingest(item(b, "f1"), completed("f1")))
                .extracting(ResourceChange::getResourceId, ResourceChange::getChangeType)
                .containsExactly(tuple("sg-f3", ResourceChange.ChangeType.REMOVED));
    }

    @Test
    void aRunThatSawEveryLiveResourceDeletesNothingAndOneThatMissedOneDeletesIt() throws SQLException {
        ConfigurationItem a = e.sg("sg-s1", "10.0.0.0/8");
        ConfigurationItem b = e.sg("sg-s2", "10.0.0.0/8");
        ingest(started("s0"), item(a, "s0"), item(b, "s0"), completed("s0"));
        // Every live resource seen, one of them twice (a batch delivered again within the run): nothing to delete.
        ingest(started("s1"), item(a, "s1"), item(b, "s1"));
        long shortcuts = ingestor.unseenCountShortcuts();
        assertThat(ingest(item(b, "s1"), completed("s1"))).isEmpty();
        assertThat(ingestor.unseenCountShortcuts()).as("live resources not listed").isEqualTo(shortcuts + 1);
        // The same count of distinct resources would be reached if a duplicate were counted twice: sg-s2 must go.
        ingest(started("s2"), item(a, "s2"));
        assertThat(ingest(item(a, "s2"), completed("s2")))
                .extracting(ResourceChange::getResourceId, ResourceChange::getChangeType)
                .containsExactly(tuple("sg-s2", ResourceChange.ChangeType.REMOVED));
        assertThat(ingestor.unseenCountShortcuts()).isEqualTo(shortcuts + 1);
    }

    // ---- with the ingest cache ----

    @Test
    void unchangedItemsServedFromTheCacheStillCountAsSeen() throws SQLException {
        BatchIngestor cached = new BatchIngestor(new ResourceCache(1000));
        ConfigurationItem kept = e.sg("sg-ck", "10.0.0.0/8");
        ConfigurationItem gone = e.sg("sg-cg", "10.0.0.0/8");
        ingestVia(cached, true, started("c1"), item(kept, "c1"), item(gone, "c1"), completed("c1"));
        assertThat(cached.cache().size()).isEqualTo(2);

        List<ResourceChange> changes = ingestVia(cached, true, started("c2"), item(kept, "c2"), completed("c2"));

        assertThat(cached.cache().hits()).isEqualTo(1); // kept skipped the lookup
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.REMOVED);
            assertThat(c.getResourceId()).isEqualTo("sg-cg");
        });
        assertThat(cached.cache().size()).isEqualTo(1); // the deleted resource left the cache

        // Back again: the cache must not make it look unchanged.
        changes = ingestVia(cached, true, started("c3"), item(kept, "c3"), item(gone, "c3"), completed("c3"));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.ADDED);
            assertThat(c.getResourceId()).isEqualTo("sg-cg");
            assertThat(c.getConfigurationStateId()).isEqualTo(3);
        });
    }

    /**
     * The stale state that matters: the cache says H1 while the database holds H2, and an item comes
     * back with H1. A hit would record it as seen and lose the change H2 -> H1. Only another writer of
     * the row could cause it: another replica while this one did not own the partition (the cache is
     * cleared on revocation), or this replica's own rolled-back batch (never applied).
     */
    @Test
    void aStaleHashCannotHideAChangeBack() throws SQLException {
        BatchIngestor a = new BatchIngestor(new ResourceCache(1000));
        BatchIngestor b = new BatchIngestor(new ResourceCache(1000));
        ConfigurationItem h1 = e.instance("i-c", "t3.micro", "dev");
        ConfigurationItem h2 = e.instance("i-c", "t3.large", "dev");
        ConfigurationItem h3 = e.instance("i-c", "t3.xlarge", "dev");
        ingestVia(a, true, item(h1, "s1"));

        // Rebalance: replica a loses the partition (cache cleared), b owns it and stores H2.
        a.cache().clear();
        ingestVia(b, true, item(h2, "s2"));
        // The partition comes back to a, whose item says H1 again.
        List<ResourceChange> changes = ingestVia(a, true, item(h1, "s3"));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.MODIFIED);
            assertThat(c.getHashAfter()).isEqualTo(item(h1, "s3").getConfigurationHash());
            assertThat(c.getConfigurationStateId()).isEqualTo(3);
        });

        // A rolled-back batch of a that stored H3 must not leave H3 in the cache.
        ingestVia(a, false, item(h3, "s4"));
        changes = ingestVia(a, true, item(h3, "s5"));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.MODIFIED);
            assertThat(c.getConfigurationStateId()).isEqualTo(4);
        });
    }

    @Test
    void aResourceChangedEarlierInTheBatchIsNotServedFromTheCache() throws SQLException {
        BatchIngestor cached = new BatchIngestor(new ResourceCache(1000));
        ConfigurationItem small = e.instance("i-cb", "t3.micro", "dev");
        ingestVia(cached, true, item(small, "b1"));

        // The cache says t3.micro; the batch changes it, then changes it back.
        List<ResourceChange> changes = ingestVia(cached, true, item(e.instance("i-cb", "t3.large", "dev"), "b2"), item(small, "b2"));

        assertThat(changes).extracting(ResourceChange::getConfigurationStateId).containsExactly(2L, 3L);
        assertThat(cached.cache().hits()).isZero();
        // Committed: the cache now knows state 3's hash.
        assertThat(ingestVia(cached, true, item(small, "b3"))).isEmpty();
        assertThat(cached.cache().hits()).isEqualTo(1);
    }

    // ---- one round trip for changes to resources the cache knows ----

    @Test
    void aChangeToAKnownResourceIsStoredInOneRoundTripWithFieldChangesAndBlastRadius() throws SQLException {
        BatchIngestor cached = new BatchIngestor(new ResourceCache(1000));
        ConfigurationItem before = item(e.sg("sg-k1", "10.0.0.0/8"), "k1");
        ingestVia(cached, true, before, item(e.instance("i-k1", "t3.micro", "dev", "sg-k1"), "k1"));
        ConfigurationItem after = item(e.sg("sg-k1", "0.0.0.0/0"), "k2");

        List<ResourceChange> changes = ingestVia(cached, true, after, item(e.instance("i-k1", "t3.micro", "dev", "sg-k1"), "k2"));

        assertThat(cached.knownChangeFlushes()).isEqualTo(1);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getChangeType()).isEqualTo(ResourceChange.ChangeType.MODIFIED);
            assertThat(c.getConfigurationStateId()).isEqualTo(2);
            assertThat(c.getHashBefore()).isEqualTo(before.getConfigurationHash());
            assertThat(c.getHashAfter()).isEqualTo(after.getConfigurationHash());
            assertThat(c.getFieldChangesList()).isNotEmpty();
            assertThat(c.getFieldChangesList()).allSatisfy(f -> assertThat(f.getPath()).contains("ipPermissions"));
            assertThat(c.getBlastRadiusList()).extracting(Relationship::getResourceId).containsExactly("i-k1");
        });
        assertThat(versions("sg-k1")).containsExactly("1:closed:" + before.getConfigurationHash(),
                "2:current:" + after.getConfigurationHash());
        // The cache learnt the new hash: the same item again is a hit and nothing is written.
        assertThat(ingestVia(cached, true, item(e.sg("sg-k1", "0.0.0.0/0"), "k3"))).isEmpty();
        assertThat(versions("sg-k1")).hasSize(2);
    }

    @Test
    void aKnownResourceMovedOnByAnotherWriterFallsBackToTheLookupPath() throws SQLException {
        BatchIngestor a = new BatchIngestor(new ResourceCache(1000));
        BatchIngestor b = new BatchIngestor(new ResourceCache(1000));
        ConfigurationItem h1 = item(e.instance("i-k2", "t3.micro", "dev"), "s1");
        ConfigurationItem h2 = item(e.instance("i-k2", "t3.large", "dev"), "s2");
        ingestVia(a, true, h1);
        // Another writer stores H2 while a's cache still says H1 (not cleared: the worst case).
        ingestVia(b, true, h2);

        ConfigurationItem h3 = item(e.instance("i-k2", "t3.xlarge", "dev"), "s3");
        List<ResourceChange> changes = ingestVia(a, true, h3);

        assertThat(a.knownChangeFlushes()).isZero(); // rolled back to the savepoint
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getHashBefore()).isEqualTo(h2.getConfigurationHash());
            assertThat(c.getConfigurationStateId()).isEqualTo(3);
        });
        assertThat(versions("i-k2")).containsExactly("1:closed:" + h1.getConfigurationHash(),
                "2:closed:" + h2.getConfigurationHash(), "3:current:" + h3.getConfigurationHash());
    }

    @Test
    void aKnownResourceWhoseChangeMeansNothingIsReHashedByTheLookupPath() throws SQLException {
        ConfigurationItem x = item(e.sg("sg-k3", "10.0.0.0/8"), "e1");
        ingest(x);
        // The stored hash is from an older canonical form (simulated): same meaning, another hash.
        String older = "a".repeat(64);
        long pk;
        try (Statement s = connection().createStatement()) {
            s.executeUpdate("UPDATE resource SET current_hash = '" + older + "' WHERE resource_id = 'sg-k3'");
            s.executeUpdate("UPDATE resource_version SET configuration_hash = '" + older
                    + "' WHERE resource_pk = (SELECT id FROM resource WHERE resource_id = 'sg-k3')");
            var rs = s.executeQuery("SELECT id FROM resource WHERE resource_id = 'sg-k3'");
            rs.next();
            pk = rs.getLong(1);
        }
        commit();
        BatchIngestor cached = new BatchIngestor(new ResourceCache(1000));
        ResourceCache.Batch learn = cached.cache().begin();
        learn.put(new ResourceKey(x.getAccountId(), x.getAwsRegion(), x.getResourceType(), "sg-k3").toString(), older, pk);
        learn.committed();

        List<ResourceChange> changes = ingestVia(cached, true, item(e.sg("sg-k3", "10.0.0.0/8"), "e2"));

        assertThat(changes).isEmpty();
        assertThat(cached.knownChangeFlushes()).isZero();
        assertThat(versions("sg-k3")).containsExactly("1:current:" + x.getConfigurationHash());
    }

    @Test
    void aFailingWriteOfKnownChangesLeavesNothingBehind() throws SQLException {
        BatchIngestor cached = new BatchIngestor(new ResourceCache(1000));
        ConfigurationItem ok = item(e.sg("sg-k4", "10.0.0.0/8"), "f1");
        ingestVia(cached, true, ok);
        // PostgreSQL's text rejects a NUL byte (here in the availability zone, which no check looks at):
        // the fast path fails, then the lookup path fails the same way.
        ConfigurationItem bad = ok.toBuilder().setConfiguration("{\"groupId\":\"sg-k4\",\"description\":\"changed\"}")
                .setAvailabilityZone("us-east-1a\u0000").setConfigurationHash("b".repeat(64)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cached.ingest(connection(),
                        List.of(Prepared.of(CollectionEvent.newBuilder().setItem(bad).build())), cached.cache().begin()))
                .isInstanceOf(SQLException.class);
        connection().rollback();

        assertThat(versions("sg-k4")).containsExactly("1:current:" + ok.getConfigurationHash());
        assertThat(ingestVia(cached, true, item(e.sg("sg-k4", "10.0.0.0/8"), "f2"))).isEmpty();
    }

    /** The versions of a resource in state order: {@code stateId:current|closed:hash}. */
    private List<String> versions(String resourceId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var ps = connection().prepareStatement("""
                SELECT v.state_id, v.valid_to IS NULL, v.configuration_hash FROM resource_version v
                JOIN resource r ON r.id = v.resource_pk WHERE r.resource_id = ? ORDER BY v.state_id""")) {
            ps.setString(1, resourceId);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + ":" + (rs.getBoolean(2) ? "current" : "closed") + ":" + rs.getString(3));
                }
            }
        }
        commit();
        return out;
    }

    @Test
    void runAccountsAreNumberedFromOneInOrderOfAppearance() {
        BatchIngestor.RunAccounts groups = new BatchIngestor.RunAccounts();
        assertThat(List.of(groups.indexOf("r1", "111111111111"), groups.indexOf("r1", "222222222222"),
                groups.indexOf("r1", "111111111111"), groups.indexOf("r2", "111111111111"), groups.indexOf("r1", "222222222222")))
                .containsExactly(1, 2, 1, 3, 2);
        assertThat(groups.runs).containsExactly("r1", "r1", "r2");
        assertThat(groups.accounts).containsExactly("111111111111", "222222222222", "111111111111");
    }

    // ---- helpers ----

    private Connection connection;

    private List<ResourceChange> ingest(Object... events) throws SQLException {
        List<Prepared> prepared = new ArrayList<>();
        for (Object o : events) {
            prepared.add(o instanceof Prepared p ? p
                    : Prepared.of(CollectionEvent.newBuilder().setItem((ConfigurationItem) o).build()));
        }
        List<ResourceChange> changes = ingestor.ingest(connection(), prepared);
        commit();
        return changes;
    }

    /** Through the given ingestor; the cache learns the batch only if it commits, as in the service. */
    private List<ResourceChange> ingestVia(BatchIngestor with, boolean commit, Object... events) throws SQLException {
        List<Prepared> prepared = new ArrayList<>();
        for (Object o : events) {
            prepared.add(o instanceof Prepared p ? p
                    : Prepared.of(CollectionEvent.newBuilder().setItem((ConfigurationItem) o).build()));
        }
        ResourceCache.Batch batch = with.cache().begin();
        List<ResourceChange> changes = with.ingest(connection(), prepared, batch);
        if (commit) {
            commit();
            batch.committed();
        } else {
            connection().rollback();
        }
        return changes;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = ds.getConnection();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void commit() throws SQLException {
        connection().commit();
    }

    /** The item as the collector publishes it: canonical configuration and its hash. */
    private ConfigurationItem item(ConfigurationItem item, String run) {
        return e.published(item, run);
    }

    private Prepared started(String run) {
        return Prepared.of(CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder().setRunId(e.runId(run))
                .setAccountId(e.account).setPhase(CollectionRunMarker.Phase.STARTED).setAt(Estate.ts(Instant.now()))).build());
    }

    private Prepared completed(String run) {
        return Prepared.of(CollectionEvent.newBuilder().setMarker(CollectionRunMarker.newBuilder().setRunId(e.runId(run))
                .setAccountId(e.account).setPhase(CollectionRunMarker.Phase.COMPLETED).setAt(Estate.ts(Instant.now()))
                .addListings(ListingOutcome.newBuilder().setRegion(Estate.REGION).setResourceType(Estate.SG)
                        .setStatus(ListingOutcome.Status.COMPLETE))).build());
    }
}
