package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.CollectionEvent;
import io.driftwatch.proto.v1.ConfigurationItem;
import io.driftwatch.proto.v1.FieldChange;
import io.driftwatch.proto.v1.ResourceChange;
import io.driftwatch.snapshot.support.Estate;
import io.driftwatch.snapshot.support.ScratchSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Upgrading a store written with jsonb documents (migrations up to V10) to json (V11): the versions keep
 * their content, the property filter still reads them, and the next change of each resource is diffed
 * against the migrated version on both write paths.
 */
class VersionDocumentsMigrationTest {
    private final Estate e = new Estate(null);

    @Test
    void versionsWrittenAsJsonbAreReadAndDiffedAfterTheUpgrade() throws SQLException {
        PGSimpleDataSource ds = ScratchSchema.migratedTo("version_documents_migration_test", "10");
        ConfigurationItem instance = e.published(e.instance("i-m", "t3.micro", "dev", "sg-m"), "m1");
        ConfigurationItem group = e.published(e.sg("sg-m", "10.0.0.0/8"), "m1");
        try (Connection c = connection(ds)) {
            new BatchIngestor().ingest(c, List.of(prepared(instance), prepared(group)));
            c.commit();
            assertThat(columnTypes(c)).containsOnly("jsonb");
            // jsonb prints its own form, not the canonical text the item carried
            assertThat(single(c, "SELECT configuration::text FROM resource_version WHERE configuration_hash = '"
                    + instance.getConfigurationHash() + "'")).isNotEqualTo(instance.getConfiguration());
        }

        ScratchSchema.migrate(ds);

        try (Connection c = connection(ds)) {
            assertThat(columnTypes(c)).containsOnly("json");
            if ("true".equals(single(c, "SELECT ('lz4' = ANY (enumvals))::text FROM pg_settings WHERE name = 'default_toast_compression'"))) {
                assertThat(single(c, "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'resource_version'::regclass"
                        + " AND attname = 'configuration'")).as("lz4 set again after the rewrite").isEqualTo("l");
            }
            assertThat(CanonicalJson.parse(single(c, "SELECT configuration::text FROM resource_version WHERE configuration_hash = '"
                    + instance.getConfigurationHash() + "'"))).isEqualTo(CanonicalJson.parse(instance.getConfiguration()));

            // The lookup path: the before side is the migrated version, read under the lock.
            List<ResourceChange> changed = new BatchIngestor().ingest(c, List.of(prepared(e.published(e.instance("i-m", "t3.large", "dev", "sg-m"), "m2"))));
            c.commit();
            assertThat(changed).singleElement().satisfies(ch -> {
                assertThat(ch.getConfigurationStateId()).isEqualTo(2);
                assertThat(ch.getHashBefore()).isEqualTo(instance.getConfigurationHash());
                assertThat(ch.getFieldChangesList()).extracting(FieldChange::getPath).containsExactly("/instanceType");
            });

            // The one-round-trip path of a cached resource: its statement list reads the migrated version.
            BatchIngestor cached = new BatchIngestor(new ResourceCache(1000));
            ResourceCache.Batch learn = cached.cache().begin();
            assertThat(cached.ingest(c, List.of(prepared(e.published(e.sg("sg-m", "10.0.0.0/8"), "m2"))), learn)).isEmpty();
            c.commit();
            learn.committed();
            ResourceCache.Batch batch = cached.cache().begin();
            List<ResourceChange> widened = cached.ingest(c, List.of(prepared(e.published(e.sg("sg-m", "10.0.0.0/8", "0.0.0.0/0"), "m3"))), batch);
            c.commit();
            batch.committed();
            assertThat(cached.knownChangeFlushes()).isEqualTo(1);
            assertThat(widened).singleElement().satisfies(ch -> {
                assertThat(ch.getHashBefore()).isEqualTo(group.getConfigurationHash());
                assertThat(ch.getFieldChangesList()).extracting(FieldChange::getPath).singleElement()
                        .satisfies(path -> assertThat(path).startsWith("/ipPermissions"));
            });

            // The inventory's property filter works on the migrated and the new versions alike.
            assertThat(single(c, "SELECT count(*)::text FROM resource_version WHERE configuration #>> '{metadataOptions,httpTokens}' = 'required'"))
                    .isEqualTo("2");
            assertThat(single(c, "SELECT count(*)::text FROM resource_version WHERE tags ->> 'env' = 'dev'")).isEqualTo("2");
        }
    }

    private static Connection connection(PGSimpleDataSource ds) throws SQLException {
        Connection c = ds.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static List<String> columnTypes(Connection c) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'resource_version'::regclass
                AND attname IN ('configuration', 'supplementary', 'tags', 'relationships')""")) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        assertThat(types).hasSize(4);
        return types;
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static Prepared prepared(ConfigurationItem item) {
        return Prepared.of(CollectionEvent.newBuilder().setItem(item).build());
    }
}
