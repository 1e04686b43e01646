package io.driftwatch.snapshot.support;

import io.driftwatch.infra.LocalInfra;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh schema in the test database with the service's Flyway migrations, for tests that use BatchIngestor without Quarkus. */
public final class ScratchSchema {
    private ScratchSchema() {
    }

    /** Drops {@code schema} if it exists, migrates it, and returns a data source whose connections use it. */
    public static PGSimpleDataSource migrated(String schema) throws SQLException {
        return migratedTo(schema, null);
    }

    /**
     * As {@link #migrated}, but only up to migration {@code version} (all of them when null): for tests of
     * an upgrade, which then call {@link #migrate}.
     */
    public static PGSimpleDataSource migratedTo(String schema, String version) throws SQLException {
        Map<String, String> db = LocalInfra.database();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(db.get("url"));
        ds.setUser(db.get("user"));
        ds.setPassword(db.get("password"));
        ds.setCurrentSchema(schema);
        ds.setReWriteBatchedInserts(true); // as the service's datasource
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        FluentConfiguration flyway = flyway(ds);
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
        return ds;
    }

    /** Applies the migrations not yet applied to the data source's schema. */
    public static void migrate(PGSimpleDataSource ds) {
        flyway(ds).load().migrate();
    }

    private static FluentConfiguration flyway(PGSimpleDataSource ds) {
        String schema = ds.getCurrentSchema();
        return Flyway.configure().dataSource(ds).schemas(schema).defaultSchema(schema).locations("classpath:db/migration");
    }
}
