package io.driftwatch.snapshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.snapshot.support.ScratchSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The per-account live-resource counter (migration V6) on a real PostgreSQL: deletion inference trusts
 * it to mean "every live resource", so after any statement that inserts, updates, deletes or
 * truncates resource rows it must equal a count of the rows themselves.
 */
class AccountLiveResourcesTest {
    private static PGSimpleDataSource ds;

    @BeforeAll
    static void schema() throws SQLException {
        ds = ScratchSchema.migrated("account_live_resources_test");
    }

    @BeforeEach
    void empty() throws SQLException {
        sql("TRUNCATE resource CASCADE");
    }

    @Test
    void multiRowInsertsCountOnlyLiveRowsPerAccount() throws SQLException {
        sql("""
                INSERT INTO resource (resource_key, account_id, aws_region, resource_type, resource_id, deleted, first_seen, last_seen)
                SELECT 'k' || i, 'acct-' || (i % 3), 'eu-west-1', 'AWS::EC2::SecurityGroup', 'sg-' || i, i % 5 = 0, now(), now()
                FROM generate_series(1, 100) i""");

        assertThat(counters()).isEqualTo(counted()).containsEntry("acct-0", 27L).hasSize(3);
    }

    @Test
    void updatesMovingResourcesInAndOutOfDeletedMoveTheCounterBothWays() throws SQLException {
        sql("""
                INSERT INTO resource (resource_key, account_id, aws_region, resource_type, resource_id, first_seen, last_seen)
                SELECT 'k' || i, 'acct-' || (i % 2), 'eu-west-1', 'AWS::EC2::SecurityGroup', 'sg-' || i, now(), now()
                FROM generate_series(1, 40) i""");
        // One statement deletes some resources of both accounts and brings none back; the next swaps.
        sql("UPDATE resource SET deleted = TRUE WHERE resource_id IN ('sg-1', 'sg-2', 'sg-3', 'sg-4', 'sg-6')");
        assertThat(counters()).isEqualTo(counted()).containsEntry("acct-0", 17L).containsEntry("acct-1", 18L);
        sql("UPDATE resource SET deleted = NOT deleted WHERE resource_id IN ('sg-1', 'sg-2', 'sg-8', 'sg-9')");
        assertThat(counters()).isEqualTo(counted()).containsEntry("acct-0", 17L).containsEntry("acct-1", 18L);
        // Updates that leave liveness alone change nothing.
        sql("UPDATE resource SET current_hash = 'x', last_seen = now()");
        assertThat(counters()).isEqualTo(counted());
        // A live and a deleted resource moved to another account: only the live one moves the counters.
        sql("UPDATE resource SET account_id = 'acct-9' WHERE resource_id IN ('sg-10', 'sg-3')");
        assertThat(counters()).isEqualTo(counted()).containsEntry("acct-0", 16L).containsEntry("acct-9", 1L);
    }

    @Test
    void deletesAndTruncateRemoveWhatWasLive() throws SQLException {
        sql("""
                INSERT INTO resource (resource_key, account_id, aws_region, resource_type, resource_id, deleted, first_seen, last_seen)
                SELECT 'k' || i, 'acct-x', 'eu-west-1', 'AWS::EC2::SecurityGroup', 'sg-' || i, i <= 4, now(), now()
                FROM generate_series(1, 10) i""");
        sql("DELETE FROM resource WHERE resource_id IN ('sg-1', 'sg-2', 'sg-9')"); // two deleted ones, as the pruner does, and a live one
        assertThat(counters()).isEqualTo(counted()).containsEntry("acct-x", 5L);

        sql("TRUNCATE resource CASCADE");
        assertThat(counters().values()).allMatch(n -> n == 0);
    }

    @Test
    void aRolledBackWriteLeavesTheCounterAsItWas() throws SQLException {
        sql("""
                INSERT INTO resource (resource_key, account_id, aws_region, resource_type, resource_id, first_seen, last_seen)
                VALUES ('k1', 'acct-r', 'eu-west-1', 'AWS::EC2::SecurityGroup', 'sg-1', now(), now())""");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE resource SET deleted = TRUE");
            c.rollback();
        }
        assertThat(counters()).isEqualTo(counted()).containsEntry("acct-r", 1L);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The counters, without accounts at zero (a counter row may stay at 0 when its last resource goes). */
    private static Map<String, Long> counters() throws SQLException {
        return query("SELECT account_id, live FROM account_live_resources WHERE live <> 0");
    }

    private static Map<String, Long> counted() throws SQLException {
        return query("SELECT account_id, count(*) FROM resource WHERE NOT deleted GROUP BY account_id");
    }

    private static Map<String, Long> query(String sql) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
