package io.driftwatch.notifier.alerts;

import io.driftwatch.notifier.ocsf.OcsfComplianceFinding;
import io.driftwatch.notifier.webhook.WebhookConfig;
import io.driftwatch.proto.v1.FindingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Records an alert once per finding transition and queues its webhook deliveries. */
@ApplicationScoped
public class AlertService {
    @Inject
    DataSource dataSource;
    @Inject
    WebhookConfig webhooks;

    public record Alert(String key, String json) {
    }

    /** Returns the OCSF JSON to publish, or empty when this transition was already alerted. */
    @Transactional
    public Optional<Alert> record(FindingEvent event) {
        String eventKey = event.getFindingId() + ":" + event.getTransition().name() + ":" + event.getChangeId();
        String json = OcsfComplianceFinding.from(event).toString();
        try (Connection c = dataSource.getConnection()) {
            Long alertId = null;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO alert (event_key, finding_id, transition, rule_id, account_id, severity, ocsf)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (event_key) DO NOTHING RETURNING id""")) {
                ps.setString(1, eventKey);
                ps.setString(2, event.getFindingId());
                ps.setString(3, event.getTransition().name());
                ps.setString(4, event.getRuleId());
                ps.setString(5, event.getAccountId());
                ps.setString(6, event.getSeverity().name());
                ps.setString(7, json);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        alertId = rs.getLong(1);
                    }
                }
            }
            if (alertId == null) {
                return Optional.empty();
            }
            for (String url : webhooks.urls()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO webhook_delivery (alert_id, url, status, next_attempt_at) VALUES (?, ?, 'PENDING', now())")) {
                    ps.setLong(1, alertId);
                    ps.setString(2, url);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording alert failed: " + e.getMessage(), e);
        }
        return Optional.of(new Alert(event.getFindingId(), json));
    }
}
