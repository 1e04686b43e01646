package io.driftwatch.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    /**
     * As root, the cluster lives in the temp dir (the postgres user must reach it): stopping the server
     * must remove it and keep the log in the directory the caller asked for, or every launcher run and
     * test JVM leaves a cluster behind.
     */
    @Test
    void stoppingAsRootRemovesTheClusterAndKeepsItsLogWhereAsked(@TempDir Path requested) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the temp-dir cluster is only used as root");
        assumeTrue(PostgresServer.debianBinaries().isPresent(), "Debian's PostgreSQL is not installed");
        assumeTrue(!"zonky".equals(System.getenv("DRIFTWATCH_POSTGRES_BINARIES")), "embedded binaries forced");
        Path dir = requested.resolve("postgres");
        PostgresServer server = PostgresServer.startOnFreePort(dir);
        Path cluster = Path.of(System.getProperty("java.io.tmpdir"), "driftwatch-postgres-" + server.port());
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertTrue(Files.isDirectory(cluster.resolve("data")));
        } finally {
            server.close();
        }
        assertFalse(Files.exists(cluster), "cluster directory left behind: " + cluster);
        assertTrue(Files.size(dir.resolve("postgres.log")) > 0);
        assertEquals(dir, server.directory());
    }
}
