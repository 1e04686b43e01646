package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.DecodedEvent;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.FieldChange;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.support.Estate;
import io.driftwatch.snapshot.support.ScratchSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link BeforeImagePrefetcher} with {@link BatchIngestor} on a real PostgreSQL: the before side read
 * ahead gives the same change as the one read under the lock, and is used only while the row
 * is still the version that was read.
 */
class BeforeImagePrefetcherTest {
    private static final String SCHEMA = "before_image_prefetcher_test";
    private static final TopicPartition PARTITION = new TopicPartition("driftwatch.configuration-items", 0);
    private static PGSimpleDataSource ds;

    private final Estate e = new Estate(null);
    private final BatchIngestor ingestor = new BatchIngestor(new ResourceCache(1000));
    private final PreparedEventDeserializer deserializer = new PreparedEventDeserializer(ingestor.cache());
    private final BeforeImagePrefetcher prefetcher = new BeforeImagePrefetcher();
    private Connection connection;

    @BeforeAll
    static void schema() throws SQLException {
        ds = ScratchSchema.migrated(SCHEMA);
    }

    @BeforeEach
    void open() throws SQLException {
        prefetcher.configure(Map.of(BeforeImagePrefetcher.DATA_SOURCE_CONFIG, ds));
        connection = ds.getConnection();
        connection.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        prefetcher.close();
        connection.close();
    }

    @Test
    void aChangeReadAheadIsStoredWithTheSameFieldChangesAsOneReadUnderTheLock() throws Exception {
        BatchIngestor plain = new BatchIngestor(new ResourceCache(1000));
        PreparedEventDeserializer plainDeserializer = new PreparedEventDeserializer(plain.cache());
        store(ingestor, List.of(decode(deserializer, item(e.sg("sg-p1", "10.0.0.0/8"), "p1")),
                decode(deserializer, item(e.instance("i-p1", "t3.micro", "dev"), "p1"))));
        store(plain, List.of(decode(plainDeserializer, item(e.sg("sg-p2", "10.0.0.0/8"), "p1"))));

        Prepared.Item changed = decode(deserializer, item(e.sg("sg-p1", "10.0.0.0/8", "0.0.0.0/0"), "p2"));
        Prepared.Item unchanged = decode(deserializer, item(e.instance("i-p1", "t3.micro", "dev"), "p2"));
        prefetcher.onConsume(records(changed, unchanged));
        awaitReadAhead(changed);
        assertThat(unchanged.readAhead()).as("an unchanged resource is not a likely change").isNull();
        List<ResourceChange> changes = store(ingestor, List.of(changed, unchanged));
        // The same change on a twin resource, diffed under the lock (no read-ahead).
        List<ResourceChange> reference = store(plain, List.of(decode(plainDeserializer, item(e.sg("sg-p2", "10.0.0.0/8", "0.0.0.0/0"), "p2"))));

        assertThat(ingestor.readAheadUsed()).isEqualTo(1);
        assertThat(ingestor.knownChangeFlushes()).isEqualTo(1);
        assertThat(plain.readAheadUsed()).isZero();
        assertThat(changes).extracting(ResourceChange::getResourceId).containsExactly("sg-p1");
        ResourceChange sg = changes.get(0);
        assertThat(sg.getChangeType()).isEqualTo(ResourceChange.ChangeType.MODIFIED);
        assertThat(sg.getConfigurationStateId()).isEqualTo(2);
        assertThat(sg.getFieldChangesList()).isNotEmpty().isEqualTo(reference.get(0).getFieldChangesList());
    }

    @Test
    void aReadAheadOfAnotherVersionIsNotUsed() throws Exception {
        store(ingestor, List.of(decode(deserializer, item(e.instance("i-p2", "t3.micro", "dev"), "q1"))));
        Prepared.Item changed = decode(deserializer, item(e.instance("i-p2", "t3.large", "dev"), "q2"));
        assertThat(changed.likelyChange()).isTrue();
        // A read-ahead with the cached hash but another state than the row's (as after another writer
        // deleted and rediscovered the resource with the same configuration), with a forged diff: the worker
        // must not use it, and stores the change through the lookup path.
        String cachedHash = ingestor.cache().known(ingestor.cache().begin(), changed.keyText()).hash();
        FieldChange forged = FieldChange.newBuilder().setPath("/forged").build();
        changed.readAhead(new Prepared.Before(7, cachedHash, List.of(forged), true));

        List<ResourceChange> changes = store(ingestor, List.of(changed));

        assertThat(ingestor.readAheadUsed()).isZero();
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getConfigurationStateId()).isEqualTo(2);
            assertThat(c.getFieldChangesList()).isNotEmpty().doesNotContain(forged);
            assertThat(c.getFieldChangesList()).extracting(FieldChange::getPath).anySatisfy(p -> assertThat(p).contains("instanceType"));
        });
    }

    @Test
    void aRowMovedOnByAnotherWriterAfterTheReadAheadSendsTheChangeThroughTheLookupPath() throws Exception {
        ConfigurationItem h1 = item(e.instance("i-p3", "t3.micro", "dev"), "w1");
        store(ingestor, List.of(decode(deserializer, h1)));
        ConfigurationItem h3 = item(e.instance("i-p3", "t3.xlarge", "dev"), "w3");
        Prepared.Item changed = decode(deserializer, h3);
        prefetcher.onConsume(records(changed));
        awaitReadAhead(changed);
        // Another writer (its own cache) stores H2 after the read-ahead; this ingestor's cache still says H1.
        BatchIngestor other = new BatchIngestor(new ResourceCache(1000));
        ConfigurationItem h2 = item(e.instance("i-p3", "t3.large", "dev"), "w2");
        store(other, List.of(Prepared.of(CollectionEvent.newBuilder().setItem(h2).build())));

        List<ResourceChange> changes = store(ingestor, List.of(changed));

        assertThat(ingestor.readAheadUsed()).isZero();
        assertThat(ingestor.knownChangeFlushes()).isZero(); // rolled back to the savepoint
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.getHashBefore()).isEqualTo(h2.getConfigurationHash());
            assertThat(c.getConfigurationStateId()).isEqualTo(3);
            assertThat(c.getFieldChangesList()).extracting(FieldChange::getAfter).anySatisfy(a -> assertThat(a).contains("t3.xlarge"));
        });
    }

    @Test
    void aReadAheadOfAnotherHashIsNotUsed() throws Exception {
        store(ingestor, List.of(decode(deserializer, item(e.sg("sg-p3", "10.0.0.0/8"), "r1"))));
        Prepared.Item changed = decode(deserializer, item(e.sg("sg-p3", "10.1.0.0/16"), "r2"));
        FieldChange forged = FieldChange.newBuilder().setPath("/forged").build();
        changed.readAhead(new Prepared.Before(1, "c".repeat(64), List.of(forged), true));

        List<ResourceChange> changes = store(ingestor, List.of(changed));

        assertThat(ingestor.readAheadUsed()).isZero();
        assertThat(ingestor.knownChangeFlushes()).as("still one round trip, reading the configuration under the lock").isEqualTo(1);
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.getFieldChangesList()).isNotEmpty().doesNotContain(forged));
    }

    @Test
    void relationshipsAreKeptWhenTheReadAheadFoundThemUnchangedAndRewrittenWhenNot() throws Exception {
        store(ingestor, List.of(decode(deserializer, item(e.instance("i-r1", "t3.micro", "dev", "sg-ra"), "t1"))));
        assertThat(relationshipTargets("i-r1")).containsExactly("sg-ra");

        Prepared.Item sameRelationships = decode(deserializer, item(e.instance("i-r1", "t3.large", "dev", "sg-ra"), "t2"));
        assertThat(readAheadAndStore(sameRelationships, true).getConfigurationStateId()).isEqualTo(2);
        assertThat(relationshipTargets("i-r1")).containsExactly("sg-ra");

        Prepared.Item otherRelationships = decode(deserializer, item(e.instance("i-r1", "t3.xlarge", "dev", "sg-rb"), "t3"));
        assertThat(readAheadAndStore(otherRelationships, false).getConfigurationStateId()).isEqualTo(3);
        assertThat(relationshipTargets("i-r1")).containsExactly("sg-rb");
        assertThat(ingestor.readAheadUsed()).isEqualTo(2);
    }

    @Test
    void onlyLikelyChangesAreReadAhead() throws Exception {
        store(ingestor, List.of(decode(deserializer, item(e.sg("sg-p4", "10.0.0.0/8"), "s1"))));
        Prepared.Item fresh = decode(deserializer, item(e.sg("sg-p5", "10.0.0.0/8"), "s2"));
        Prepared.Item unchanged = decode(deserializer, item(e.sg("sg-p4", "10.0.0.0/8"), "s2"));
        prefetcher.onConsume(records(fresh, unchanged));
        // The read-ahead thread takes polls in order: once this later poll's change is read ahead, anything
        // the first poll had queued has been read too.
        Prepared.Item changed = decode(deserializer, item(e.sg("sg-p4", "10.0.0.0/8", "0.0.0.0/0"), "s3"));
        prefetcher.onConsume(records(changed));
        awaitReadAhead(changed);

        assertThat(fresh.readAhead()).as("a resource the cache does not know").isNull();
        assertThat(unchanged.readAhead()).as("a resource whose claimed hash is the cached one").isNull();
        assertThat(prefetcher.readAhead()).isEqualTo(1);
    }

    private List<String> relationshipTargets(String resourceId) throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (var ps = connection.prepareStatement("""
                SELECT rr.target_id FROM resource_relationship rr JOIN resource r ON r.id = rr.resource_pk
                WHERE r.resource_id = ? AND r.account_id = ? ORDER BY rr.target_id""")) {
            ps.setString(1, resourceId);
            ps.setString(2, e.account);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        connection.commit();
        return out;
    }

    private static void awaitReadAhead(Prepared.Item item) {
        Awaitility.await("read ahead").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> item.readAhead() != null);
    }

    /** Reads the item ahead, checks what the read-ahead found of its relationships, then stores it. */
    private ResourceChange readAheadAndStore(Prepared.Item item, boolean sameRelationships) throws SQLException {
        prefetcher.onConsume(records(item));
        awaitReadAhead(item);
        assertThat(item.readAhead().sameRelationships()).isEqualTo(sameRelationships);
        List<ResourceChange> changes = store(ingestor, List.of(item));
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }

    private List<ResourceChange> store(BatchIngestor with, List<Prepared> events) throws SQLException {
        ResourceCache.Batch batch = with.cache().begin();
        List<ResourceChange> changes = with.ingest(connection, events, batch);
        connection.commit();
        batch.committed();
        return changes;
    }

    private static Prepared.Item decode(PreparedEventDeserializer with, ConfigurationItem item) {
        DecodedEvent<Prepared> decoded = with.deserialize(PARTITION.topic(), CollectionEvent.newBuilder().setItem(item).build().toByteArray());
        assertThat(decoded.decoded()).isTrue();
        return (Prepared.Item) decoded.event();
    }

    private static ConsumerRecords<String, DecodedEvent<Prepared>> records(Prepared.Item... items) {
        List<ConsumerRecord<String, DecodedEvent<Prepared>>> list = new java.util.ArrayList<>();
        long offset = 0;
        for (Prepared.Item it : items) {
            list.add(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset++, it.accountId(),
                    new DecodedEvent<>(it, new byte[0], null)));
        }
        return new ConsumerRecords<>(Map.of(PARTITION, list), Map.of());
    }

    /** As the collector publishes it: canonical configuration and its hash. */
    private ConfigurationItem item(ConfigurationItem item, String run) {
        return e.published(item, run);
    }
}
