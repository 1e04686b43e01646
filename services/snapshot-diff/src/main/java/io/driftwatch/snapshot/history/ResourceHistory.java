package io.driftwatch.snapshot.history;

import io.driftwatch.events.CanonicalJson;
import io.driftwatch.snapshot.ingest.ResourceKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Reads resources and their versions. */
@ApplicationScoped
public class ResourceHistory {
    @Inject
    DataSource dataSource;

    public List<Map<String, Object>> list(String accountId, String region, String resourceType, boolean includeDeleted) {
        StringBuilder sql = new StringBuilder("""
                SELECT resource_key, account_id, aws_region, resource_type, resource_id, arn, resource_name, current_state_id,
                  deleted,
                  -- Unchanged items are not written one by one: a live resource was last seen by the latest
                  -- snapshot of its account whose listing of its region and type completed.
                  CASE WHEN deleted THEN r.last_seen ELSE GREATEST(r.last_seen, (SELECT max(cs.completed_at)
                    FROM collection_snapshot cs WHERE cs.account_id = r.account_id AND cs.account_error IS NULL
                      AND cs.listings @> jsonb_build_array(jsonb_build_object('region', r.aws_region,
                        'resourceType', r.resource_type, 'status', 'COMPLETE')))) END
                FROM resource r WHERE 1 = 1""");
        List<String> args = new ArrayList<>();
        if (!includeDeleted) {
            sql.append(" AND NOT deleted");
        }
        if (accountId != null) {
            sql.append(" AND account_id = ?");
            args.add(accountId);
        }
        if (region != null) {
            sql.append(" AND aws_region = ?");
            args.add(region);
        }
        if (resourceType != null) {
            sql.append(" AND resource_type = ?");
            args.add(resourceType);
        }
        sql.append(" ORDER BY resource_key LIMIT 10000");
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("key", rs.getString(1));
                    r.put("accountId", rs.getString(2));
                    r.put("region", rs.getString(3));
                    r.put("resourceType", rs.getString(4));
                    r.put("resourceId", rs.getString(5));
                    r.put("arn", rs.getString(6));
                    r.put("resourceName", rs.getString(7));
                    r.put("configurationStateId", rs.getLong(8));
                    r.put("deleted", rs.getBoolean(9));
                    r.put("lastSeen", rs.getTimestamp(10).toInstant().toString());
                    out.add(r);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public List<Map<String, Object>> versions(ResourceKey key) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT v.state_id, v.status, v.configuration_hash, v.valid_from, v.valid_to, v.configuration::text,
                  v.tags::text, v.relationships::text, v.run_id
                FROM resource r JOIN resource_version v ON v.resource_pk = r.id
                WHERE r.resource_key = ? ORDER BY v.state_id""")) {
            ps.setString(1, key.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("configurationStateId", rs.getLong(1));
                    v.put("configurationItemStatus", rs.getString(2));
                    v.put("configurationHash", rs.getString(3));
                    v.put("validFrom", rs.getTimestamp(4).toInstant().toString());
                    v.put("validTo", rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant().toString());
                    v.put("configuration", rs.getString(6) == null ? null : CanonicalJson.parse(rs.getString(6)));
                    v.put("tags", rs.getString(7) == null ? null : CanonicalJson.parse(rs.getString(7)));
                    v.put("relationships", rs.getString(8) == null ? null : CanonicalJson.parse(rs.getString(8)));
                    v.put("runId", rs.getString(9));
                    out.add(v);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
