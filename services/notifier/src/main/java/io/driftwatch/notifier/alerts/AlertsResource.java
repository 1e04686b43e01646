package io.driftwatch.notifier.alerts;

import io.driftwatch.events.CanonicalJson;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {
    @Inject
    DataSource dataSource;

    /** The most recent alerts, newest first, as the OCSF records published on driftwatch.alerts. */
    @GET
    public Map<String, Object> recent(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        List<Object> items = new ArrayList<>();
        query("SELECT ocsf::text FROM alert ORDER BY id DESC LIMIT ?", limit, rs -> items.add(CanonicalJson.parse(rs.getString(1))));
        return Map.of("items", items, "count", items.size());
    }

    /** Webhook deliveries with their status, attempts and last error. */
    @GET
    @Path("/deliveries")
    public Map<String, Object> deliveries(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        List<Object> items = new ArrayList<>();
        query("""
                SELECT d.id, a.finding_id, a.transition, d.url, d.status, d.attempts, d.last_error, d.delivered_at
                FROM webhook_delivery d JOIN alert a ON a.id = d.alert_id ORDER BY d.id DESC LIMIT ?""", limit, rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong(1));
            m.put("findingId", rs.getString(2));
            m.put("transition", rs.getString(3));
            m.put("url", rs.getString(4));
            m.put("status", rs.getString(5));
            m.put("attempts", rs.getInt(6));
            m.put("lastError", rs.getString(7));
            m.put("deliveredAt", rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant().toString());
            items.add(m);
        });
        return Map.of("items", items, "count", items.size());
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private void query(String sql, int limit, Row row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
