package io.driftwatch.snapshot.support;

import io.driftwatch.infra.LocalInfra;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A fresh schema in the test database with the service's Flyway migrations, for tests that use BatchIngestor without Quarkus. */
public final class ScratchSchema {
    private ScratchSchema() {
    }

    /** Drops {@code schema} if it exists, migrates it, and returns a data source whose connections use it. */
    public static PGSimpleDataSource migrated(String schema) throws SQLException {
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
        Flyway.configure().dataSource(ds).schemas(schema).defaultSchema(schema).locations("classpath:db/migration").load().migrate();
        return ds;
    }
}
