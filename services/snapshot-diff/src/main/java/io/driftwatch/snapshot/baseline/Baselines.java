package io.driftwatch.snapshot.baseline;

import io.driftwatch.events.rest.ProblemDetails;
import io.driftwatch.snapshot.api.Cursor;
import io.driftwatch.snapshot.api.Page;
import io.driftwatch.snapshot.diff.StateDiff;
import io.driftwatch.snapshot.ingest.ResourceKey;
import io.driftwatch.snapshot.inventory.DiffService;
import io.driftwatch.snapshot.inventory.ItemViews;
import io.driftwatch.snapshot.inventory.SnapshotCatalog;
import io.driftwatch.snapshot.inventory.StateReader;
import io.driftwatch.snapshot.inventory.VersionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Baselines and acknowledged drift. Drift is the diff between the baseline's moment and now within
 * its scope. An acknowledgement records who, when and why for the resource's state at that time;
 * it flags the drift as acknowledged until the resource changes again (a new state id).
 */
@ApplicationScoped
public class Baselines {
    private static final String COLUMNS =
            "id, account_id, aws_region, resource_types, baseline_at, snapshot_run_id, created_by, created_at";

    @Inject
    DataSource dataSource;
    @Inject
    SnapshotCatalog snapshots;
    @Inject
    DiffService diffs;
    @Inject
    StateReader reader;

    public Baseline create(BaselineRequest request, String who, Instant now) {
        Instant at = request.at();
        if (request.snapshotRunId() != null) {
            at = snapshots.completed(request.snapshotRunId(), request.accountId()).completedAt();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO baseline (account_id, aws_region, resource_types, baseline_at, snapshot_run_id, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setString(1, request.accountId());
            ps.setString(2, request.region());
            ps.setArray(3, request.resourceTypes().isEmpty() ? null : c.createArrayOf("text", request.resourceTypes().toArray()));
            ps.setTimestamp(4, Timestamp.from(at));
            ps.setString(5, request.snapshotRunId());
            ps.setString(6, who);
            ps.setTimestamp(7, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Baseline(rs.getLong(1), request.accountId(), request.region(), request.resourceTypes(), at,
                        request.snapshotRunId(), who, now);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing baseline failed: " + e.getMessage(), e);
        }
    }

    public Page<Baseline> list(String accountId, String cursor, int limit) {
        List<String> after = Cursor.decode("baseline", cursor, 1);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM baseline WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (accountId != null && !accountId.isBlank()) {
            sql.append(" AND account_id = ?");
            params.add(accountId);
        }
        if (after != null) {
            sql.append(" AND id < ?");
            params.add(parseId(after.get(0)));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        List<Baseline> out = query(sql.toString(), params);
        String next = out.size() == limit ? Cursor.encode("baseline", List.of(Long.toString(out.get(limit - 1).id()))) : null;
        return new Page<>(out, next);
    }

    public Baseline get(long id) {
        List<Baseline> out = query("SELECT " + COLUMNS + " FROM baseline WHERE id = ?", List.of(id));
        if (out.isEmpty()) {
            throw ProblemDetails.notFound("no baseline " + id);
        }
        return out.get(0);
    }

    public Page<Map<String, Object>> drift(long id, String cursor, int limit, Instant now) {
        Baseline b = get(id);
        Page<DiffService.Difference> page = diffs.diff(b.at(), now, b.filter(), cursor, limit);
        Map<String, Map<String, Object>> acks = acknowledgements(id,
                page.items().stream().map(d -> d.transition().key()).toList());
        List<Map<String, Object>> items = new ArrayList<>();
        for (DiffService.Difference d : page.items()) {
            Map<String, Object> m = d.toJson();
            Map<String, Object> ack = acks.get(d.transition().key());
            boolean current = ack != null && ((Long) ack.get("configurationStateId")) == d.transition().after().stateId();
            m.put("acknowledged", current);
            m.put("acknowledgement", ack);
            items.add(m);
        }
        return new Page<>(items, page.nextCursor());
    }

    public Map<String, Object> acknowledge(long id, ResourceKey key, String comment, String who, Instant now) {
        Baseline b = get(id);
        if (!b.inScope(key)) {
            throw new IllegalArgumentException(key + " is outside the scope of baseline " + id);
        }
        VersionState before = reader.stateAt(key.toString(), b.at());
        VersionState after = reader.current(key.toString());
        if (after == null) {
            throw ProblemDetails.notFound("no resource " + key);
        }
        if (StateDiff.classify(key.resourceType(), ItemViews.side(before), ItemViews.side(after)) == null) {
            throw new WebApplicationException(ProblemDetails.problem(409, "Conflict",
                    key + " has not drifted from baseline " + id + "; nothing to acknowledge"));
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO baseline_acknowledgement (baseline_id, resource_key, state_id, comment, acknowledged_by, acknowledged_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            ps.setLong(1, id);
            ps.setString(2, key.toString());
            ps.setLong(3, after.stateId());
            ps.setString(4, comment);
            ps.setString(5, who);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("storing acknowledgement failed: " + e.getMessage(), e);
        }
        Map<String, Object> m = ack(after.stateId(), comment, who, now);
        m.put("baselineId", id);
        m.put("key", key.toString());
        return m;
    }

    /** Latest acknowledgement per resource key. */
    private Map<String, Map<String, Object>> acknowledgements(long baselineId, List<String> keys) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT ON (resource_key) resource_key, state_id, comment, acknowledged_by, acknowledged_at
                FROM baseline_acknowledgement WHERE baseline_id = ? AND resource_key = ANY(?::text[])
                ORDER BY resource_key, acknowledged_at DESC, id DESC""")) {
            ps.setLong(1, baselineId);
            ps.setArray(2, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), ack(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading acknowledgements failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static Map<String, Object> ack(long stateId, String comment, String who, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("configurationStateId", stateId);
        m.put("comment", comment);
        m.put("acknowledgedBy", who);
        m.put("acknowledgedAt", at.toString());
        return m;
    }

    private List<Baseline> query(String sql, List<Object> params) {
        List<Baseline> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array types = rs.getArray(4);
                    out.add(new Baseline(rs.getLong(1), rs.getString(2), rs.getString(3),
                            types == null ? List.of() : Arrays.asList((String[]) types.getArray()),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading baselines failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cursor");
        }
    }
}
