package io.driftwatch.collector.run;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.proto.v1.ListingOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Stores collection runs and their per-account progress. */
@ApplicationScoped
public class CollectionRuns {
    @Inject
    DataSource dataSource;

    public void create(String runId, String reason, Instant at, List<String> accounts, List<String> regions, List<String> types) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO collection_run (run_id, reason, requested_at, accounts_total, regions, resource_types) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, reason);
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setInt(4, accounts.size());
                ps.setString(5, String.join(",", regions));
                ps.setString(6, String.join(",", types));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO collection_run_account (run_id, account_id, status) VALUES (?, ?, 'QUEUED')")) {
                for (String account : accounts) {
                    ps.setString(1, runId);
                    ps.setString(2, account);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("recording collection run failed: " + e.getMessage(), e);
        }
    }

    /**
     * Claims an account of a run for this replica. A request redelivered after a consumer-group
     * rebalance finds the account claimed (or done) and is skipped, so each account is collected
     * once per run; a claim older than {@code lease} (a replica that died mid-account) can be taken over.
     */
    public boolean claim(String runId, String accountId, String collector, java.time.Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO collection_run_account (run_id, account_id, status, started_at, collected_by)
                VALUES (?, ?, 'RUNNING', now(), ?)
                ON CONFLICT (run_id, account_id) DO UPDATE SET status = 'RUNNING', started_at = now(), collected_by = EXCLUDED.collected_by
                WHERE collection_run_account.status = 'QUEUED'
                   OR (collection_run_account.status = 'RUNNING' AND collection_run_account.started_at < now() - ?::interval)
                RETURNING account_id""")) {
            ps.setString(1, runId);
            ps.setString(2, accountId);
            ps.setString(3, collector);
            ps.setString(4, lease.toSeconds() + " seconds");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("claiming account " + accountId + " of " + runId + ": " + e.getMessage(), e);
        }
    }

    public void accountProgress(String runId, String accountId, long items) {
        update("UPDATE collection_run_account SET items = ? WHERE run_id = ? AND account_id = ?", items, runId, accountId);
    }

    public void accountCompleted(String runId, String accountId, long items, List<ListingOutcome> listings, String accountError) {
        var failures = CanonicalJson.MAPPER.createArrayNode();
        for (ListingOutcome l : listings) {
            if (l.getStatus() == ListingOutcome.Status.FAILED) {
                failures.addObject().put("region", l.getRegion()).put("resourceType", l.getResourceType())
                        .put("errorCode", l.getErrorCode()).put("errorMessage", l.getErrorMessage());
            }
        }
        update("""
                UPDATE collection_run_account SET status = ?, items = ?, failures = ?::jsonb, account_error = ?, completed_at = now()
                WHERE run_id = ? AND account_id = ?""",
                accountError == null ? "COMPLETED" : "FAILED", items, failures.toString(), accountError, runId, accountId);
    }

    /** Progress of a run: accounts done out of total, items, failures by reason. */
    public Optional<Map<String, Object>> progress(String runId) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Object> run = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT reason, requested_at, accounts_total, regions, resource_types FROM collection_run WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    run.put("runId", runId);
                    run.put("reason", rs.getString(1));
                    run.put("requestedAt", rs.getTimestamp(2).toInstant().toString());
                    run.put("accountsTotal", rs.getInt(3));
                    run.put("regions", List.of(rs.getString(4).split(",")));
                    run.put("resourceTypes", List.of(rs.getString(5).split(",")));
                }
            }
            int done = 0;
            int failedAccounts = 0;
            long items = 0;
            Instant lastCompletion = null;
            Map<String, Integer> failuresByReason = new TreeMap<>();
            List<Map<String, Object>> accounts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT account_id, status, items, failures::text, account_error, completed_at, collected_by
                    FROM collection_run_account WHERE run_id = ? ORDER BY account_id""")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString(2);
                        items += rs.getLong(3);
                        if (status.equals("COMPLETED") || status.equals("FAILED")) {
                            done++;
                            Instant completed = rs.getTimestamp(6).toInstant();
                            lastCompletion = lastCompletion == null || completed.isAfter(lastCompletion) ? completed : lastCompletion;
                        }
                        if (rs.getString(5) != null) {
                            failedAccounts++;
                            failuresByReason.merge(reasonOf(rs.getString(5)), 1, Integer::sum);
                        }
                        var failures = CanonicalJson.parse(rs.getString(4));
                        failures.forEach(f -> failuresByReason.merge(f.path("errorCode").asText("Unknown"), 1, Integer::sum));
                        Map<String, Object> a = new LinkedHashMap<>();
                        a.put("accountId", rs.getString(1));
                        a.put("status", status);
                        a.put("items", rs.getLong(3));
                        a.put("failedListings", failures);
                        a.put("accountError", rs.getString(5));
                        a.put("collectedBy", rs.getString(7));
                        accounts.add(a);
                    }
                }
            }
            int total = (Integer) run.get("accountsTotal");
            run.put("status", done >= total ? "COMPLETED" : "RUNNING");
            run.put("accountsDone", done);
            run.put("accountsFailed", failedAccounts);
            run.put("itemsCollected", items);
            run.put("failuresByReason", failuresByReason);
            run.put("completedAt", done >= total && lastCompletion != null ? lastCompletion.toString() : null);
            run.put("accounts", accounts);
            return Optional.of(run);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "AccessDenied: User ... is not authorized" becomes "AccessDenied". */
    static String reasonOf(String error) {
        int colon = error.indexOf(':');
        return colon > 0 ? error.substring(0, colon) : error;
    }

    public List<String> recentRunIds(int limit) {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT run_id FROM collection_run ORDER BY requested_at DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private void update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
