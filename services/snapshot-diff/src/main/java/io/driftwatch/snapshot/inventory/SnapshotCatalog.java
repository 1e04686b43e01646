package io.driftwatch.snapshot.inventory;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.events.rest.ProblemDetails;
import io.driftwatch.snapshot.api.Cursor;
import io.driftwatch.snapshot.api.Moments;
import io.driftwatch.snapshot.api.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Snapshots: one (run, account) collection, with the completeness of each listing. */
@ApplicationScoped
public class SnapshotCatalog {
    private static final String COLUMNS =
            "run_id, account_id, started_at, completed_at, account_error, listings::text, items_seen, changes";

    @Inject
    StateReader reader;

    public record Snapshot(String runId, String accountId, Instant startedAt, Instant completedAt, String accountError,
                           String listings, long itemsSeen, long changes) {
        public String completeness() {
            if (completedAt == null) {
                return "IN_PROGRESS";
            }
            if (accountError != null) {
                return "FAILED";
            }
            return listings != null && listings.contains("\"FAILED\"") ? "PARTIAL" : "COMPLETE";
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runId", runId);
            m.put("accountId", accountId);
            m.put("startedAt", startedAt.toString());
            m.put("completedAt", completedAt == null ? null : completedAt.toString());
            m.put("completeness", completeness());
            m.put("accountError", accountError);
            m.put("itemsSeen", itemsSeen);
            m.put("changes", changes);
            m.put("listings", listings == null ? List.of() : CanonicalJson.parse(listings));
            return m;
        }
    }

    public Page<Snapshot> list(String accountId, String region, Instant from, Instant to, String cursor, int limit) {
        List<String> after = Cursor.decode("snap", cursor, 3);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM collection_snapshot WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (accountId != null && !accountId.isBlank()) {
            sql.append(" AND account_id = ?");
            params.add(accountId);
        }
        if (region != null && !region.isBlank()) {
            sql.append(" AND listings @> jsonb_build_array(jsonb_build_object('region', ?::text))");
            params.add(region);
        }
        if (from != null) {
            sql.append(" AND started_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND started_at <= ?");
            params.add(Timestamp.from(to));
        }
        if (after != null) {
            sql.append(" AND (started_at, run_id, account_id) < (?, ?, ?)");
            params.add(Timestamp.from(Instant.parse(after.get(0))));
            params.add(after.get(1));
            params.add(after.get(2));
        }
        sql.append(" ORDER BY started_at DESC, run_id DESC, account_id DESC LIMIT ?");
        params.add(limit);
        List<Snapshot> items = new ArrayList<>();
        reader.query(sql.toString(), params, rs -> items.add(read(rs)));
        String next = null;
        if (items.size() == limit) {
            Snapshot last = items.get(limit - 1);
            next = Cursor.encode("snap", List.of(last.startedAt().toString(), last.runId(), last.accountId()));
        }
        return new Page<>(items, next);
    }

    /** The snapshot, or a 404 problem. */
    public Snapshot get(String runId, String accountId) {
        List<Snapshot> out = new ArrayList<>();
        reader.query("SELECT " + COLUMNS + " FROM collection_snapshot WHERE run_id = ? AND account_id = ?",
                List.of(runId, accountId), rs -> out.add(read(rs)));
        if (out.isEmpty()) {
            throw ProblemDetails.notFound("no snapshot of account " + accountId + " in run " + runId);
        }
        return out.get(0);
    }

    /** The completed snapshot, or a 404 / 409 problem. */
    public Snapshot completed(String runId, String accountId) {
        Snapshot s = get(runId, accountId);
        if (s.completedAt() == null) {
            throw new jakarta.ws.rs.WebApplicationException(ProblemDetails.problem(409, "Conflict",
                    "snapshot " + runId + "/" + accountId + " has not completed yet"));
        }
        return s;
    }

    /** A moment given as an instant, 'now', or a snapshot reference (its completion time). */
    public Instant resolve(String name, String raw, String accountId, Instant now) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException(name + " is required (an ISO-8601 instant, 'now' or runId/accountId)");
        }
        Instant at = Moments.parseInstantOrNull(raw, now);
        if (at != null) {
            return at;
        }
        Moments.SnapshotRef ref = Moments.SnapshotRef.parse(raw, accountId);
        return completed(ref.runId(), ref.accountId()).completedAt();
    }

    private static Snapshot read(ResultSet rs) throws SQLException {
        return new Snapshot(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                rs.getLong(7), rs.getLong(8));
    }
}
