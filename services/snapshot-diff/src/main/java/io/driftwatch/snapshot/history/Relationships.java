package io.driftwatch.snapshot.history;

import io.driftwatch.events.rest.ProblemDetails;
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

/**
 * Relationships of a resource's current version, both directions: what it relates to (outgoing,
 * as declared in its item) and what relates to it (incoming: for a security group, the instances and
 * network interfaces associated with it, i.e. its blast radius).
 */
@ApplicationScoped
public class Relationships {
    @Inject
    DataSource dataSource;

    public Map<String, Object> of(ResourceKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            Long pk = null;
            boolean deleted = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, deleted FROM resource WHERE resource_key = ?")) {
                ps.setString(1, key.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        pk = rs.getLong(1);
                        deleted = rs.getBoolean(2);
                    }
                }
            }
            if (pk == null) {
                throw ProblemDetails.notFound("no resource " + key);
            }
            List<Map<String, Object>> outgoing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT rel.name, rel.target_type, rel.target_id, t.resource_key
                    FROM resource_relationship rel
                    LEFT JOIN resource t ON t.account_id = rel.account_id AND t.resource_type = rel.target_type
                      AND t.resource_id = rel.target_id AND NOT t.deleted
                    WHERE rel.resource_pk = ? ORDER BY rel.target_type, rel.target_id, rel.name""")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        outgoing.add(entry(rs));
                    }
                }
            }
            List<Map<String, Object>> incoming = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT rel.name, r.resource_type, r.resource_id, r.resource_key
                    FROM resource_relationship rel JOIN resource r ON r.id = rel.resource_pk AND NOT r.deleted
                    WHERE rel.account_id = ? AND rel.target_type = ? AND rel.target_id = ?
                    ORDER BY r.resource_type, r.resource_id, rel.name""")) {
                ps.setString(1, key.accountId());
                ps.setString(2, key.resourceType());
                ps.setString(3, key.resourceId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        incoming.add(entry(rs));
                    }
                }
            }
            out.put("key", key.toString());
            out.put("deleted", deleted);
            out.put("outgoing", outgoing);
            out.put("incoming", incoming);
        } catch (SQLException e) {
            throw new IllegalStateException("reading relationships failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static Map<String, Object> entry(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relationshipName", rs.getString(1));
        m.put("resourceType", rs.getString(2));
        m.put("resourceId", rs.getString(3));
        m.put("key", rs.getString(4));
        return m;
    }
}
