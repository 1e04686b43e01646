package io.driftwatch.snapshot.inventory;

import io.driftwatch.snapshot.api.Cursor;
import io.driftwatch.snapshot.api.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Point-in-time reads. The state of a resource at T is its latest version with
 * {@code valid_from <= T} (versions of a resource are contiguous); a ResourceDeleted version means
 * the resource did not exist at T. Pages are keyed by resource key.
 */
@ApplicationScoped
public class StateReader {
    static final String VERSION_COLUMNS = """
            v.state_id, v.status, v.configuration_hash, v.configuration::text, v.supplementary::text, v.tags::text,
            v.relationships::text, v.availability_zone, v.resource_created_at, v.valid_from, v.valid_to, v.run_id""";

    @Inject
    DataSource dataSource;

    /** Resources existing at {@code at} matching the filter. */
    public Page<VersionState> inventory(Instant at, InventoryFilter filter, String cursor, int limit) {
        List<String> after = Cursor.decode("inv", cursor, 1);
        List<VersionState> items = new ArrayList<>();
        scanInventory(at, filter, after == null ? null : after.get(0), limit, items::add);
        String next = items.size() == limit ? Cursor.encode("inv", List.of(items.get(limit - 1).key())) : null;
        return new Page<>(items, next);
    }

    /** Streams every resource existing at {@code at} (for exports), in key order. */
    public void forEachAt(Instant at, InventoryFilter filter, Consumer<VersionState> sink) {
        String after = null;
        while (true) {
            List<VersionState> chunk = new ArrayList<>();
            scanInventory(at, filter, after, 1000, chunk::add);
            chunk.forEach(sink);
            if (chunk.size() < 1000) {
                return;
            }
            after = chunk.get(chunk.size() - 1).key();
        }
    }

    private void scanInventory(Instant at, InventoryFilter filter, String afterKey, int limit, Consumer<VersionState> sink) {
        StringBuilder sql = new StringBuilder("""
                SELECT r.resource_key, r.account_id, r.aws_region, r.resource_type, r.resource_id, r.arn, r.resource_name,
                """).append(VERSION_COLUMNS).append("""

                FROM resource r
                JOIN LATERAL (SELECT * FROM resource_version x WHERE x.resource_pk = r.id AND x.valid_from <= ?
                              ORDER BY x.state_id DESC LIMIT 1) v ON TRUE
                WHERE v.status <> 'ResourceDeleted' AND r.first_seen <= ?""");
        List<Object> params = new ArrayList<>();
        params.add(Timestamp.from(at));
        params.add(Timestamp.from(at));
        if (afterKey != null) {
            sql.append(" AND r.resource_key > ?");
            params.add(afterKey);
        }
        filter.appendTo(sql, params);
        sql.append(" ORDER BY r.resource_key LIMIT ?");
        params.add(limit);
        query(sql.toString(), params, rs -> sink.accept(read(rs, 1)));
    }

    /** A resource's state before and after, for resources with a version starting in (from, to]. */
    public record Transition(String key, String resourceType, VersionState before, VersionState after) {
    }

    /** Resources that changed between two moments, keyed page by page (pages may hold fewer rows than limit). */
    public List<Transition> transitions(Instant from, Instant to, InventoryFilter filter, String afterKey, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT r.resource_key, r.account_id, r.aws_region, r.resource_type, r.resource_id, r.arn, r.resource_name,
                """).append(VERSION_COLUMNS.replace("v.", "a.")).append(",\n")
                .append(VERSION_COLUMNS).append("""

                FROM resource r
                LEFT JOIN LATERAL (SELECT * FROM resource_version x WHERE x.resource_pk = r.id AND x.valid_from <= ?
                                   ORDER BY x.state_id DESC LIMIT 1) a ON TRUE
                JOIN LATERAL (SELECT * FROM resource_version x WHERE x.resource_pk = r.id AND x.valid_from <= ?
                              ORDER BY x.state_id DESC LIMIT 1) v ON TRUE
                WHERE EXISTS (SELECT 1 FROM resource_version y WHERE y.resource_pk = r.id AND y.valid_from > ? AND y.valid_from <= ?)""");
        List<Object> params = new ArrayList<>();
        params.add(Timestamp.from(from));
        params.add(Timestamp.from(to));
        params.add(Timestamp.from(from));
        params.add(Timestamp.from(to));
        if (afterKey != null) {
            sql.append(" AND r.resource_key > ?");
            params.add(afterKey);
        }
        // Tag and property filters apply to the state at "to" (v).
        filter.appendTo(sql, params);
        sql.append(" ORDER BY r.resource_key LIMIT ?");
        params.add(limit);
        List<Transition> out = new ArrayList<>();
        query(sql.toString(), params, rs -> {
            VersionState after = read(rs, 1);
            VersionState before = rs.getObject(8) == null ? null : readVersionAt(rs, 8, after);
            out.add(new Transition(after.key(), after.resourceType(), before, after));
        });
        return out;
    }

    /** The current state of the given resources (null entries for unknown keys are omitted). */
    public VersionState current(String key) {
        List<VersionState> out = new ArrayList<>();
        query("""
                SELECT r.resource_key, r.account_id, r.aws_region, r.resource_type, r.resource_id, r.arn, r.resource_name,
                """ + VERSION_COLUMNS + """

                FROM resource r JOIN resource_version v ON v.resource_pk = r.id AND v.state_id = r.current_state_id
                WHERE r.resource_key = ?""", List.of(key), rs -> out.add(read(rs, 1)));
        return out.isEmpty() ? null : out.get(0);
    }

    /** The state of one resource at a moment (null when it had no version yet). */
    public VersionState stateAt(String key, Instant at) {
        List<VersionState> out = new ArrayList<>();
        query("""
                SELECT r.resource_key, r.account_id, r.aws_region, r.resource_type, r.resource_id, r.arn, r.resource_name,
                """ + VERSION_COLUMNS + """

                FROM resource r JOIN resource_version v ON v.resource_pk = r.id
                WHERE r.resource_key = ? AND v.valid_from <= ? ORDER BY v.state_id DESC LIMIT 1""",
                List.of(key, Timestamp.from(at)), rs -> out.add(read(rs, 1)));
        return out.isEmpty() ? null : out.get(0);
    }

    /** Versions of one resource with state id >= fromStateId, oldest first. */
    public List<VersionState> versions(String key, long fromStateId, int limit) {
        List<VersionState> out = new ArrayList<>();
        query("""
                SELECT r.resource_key, r.account_id, r.aws_region, r.resource_type, r.resource_id, r.arn, r.resource_name,
                """ + VERSION_COLUMNS + """

                FROM resource r JOIN resource_version v ON v.resource_pk = r.id
                WHERE r.resource_key = ? AND v.state_id >= ? ORDER BY v.state_id LIMIT ?""",
                List.of(key, fromStateId, limit), rs -> out.add(read(rs, 1)));
        return out;
    }

    interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    void query(String sql, List<Object> params, RowHandler handler) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.handle(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading resource state failed: " + e.getMessage(), e);
        }
    }

    static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String[] array) {
                Array a = c.createArrayOf("text", array);
                ps.setArray(i + 1, a);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** Reads the 7 resource columns starting at {@code col}, then the version columns. */
    private static VersionState read(ResultSet rs, int col) throws SQLException {
        String[] r = new String[7];
        for (int i = 0; i < 7; i++) {
            r[i] = rs.getString(col + i);
        }
        int v = col + 7;
        // With the transitions query the "v" columns come after the "a" columns.
        if (rs.getMetaData().getColumnCount() > 7 + 12) {
            v += 12;
        }
        return version(rs, r, v);
    }

    private static VersionState readVersionAt(ResultSet rs, int v, VersionState resource) throws SQLException {
        String[] r = {resource.key(), resource.accountId(), resource.region(), resource.resourceType(),
                resource.resourceId(), resource.arn(), resource.resourceName()};
        return version(rs, r, v);
    }

    private static VersionState version(ResultSet rs, String[] r, int v) throws SQLException {
        return new VersionState(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                rs.getLong(v), rs.getString(v + 1), rs.getString(v + 2), rs.getString(v + 3), rs.getString(v + 4),
                rs.getString(v + 5), rs.getString(v + 6), rs.getString(v + 7), instant(rs.getTimestamp(v + 8)),
                instant(rs.getTimestamp(v + 9)), instant(rs.getTimestamp(v + 10)), rs.getString(v + 11));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
