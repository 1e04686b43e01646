package io.driftwatch.notifier.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Delivers queued webhooks. Due deliveries are claimed (pushed 60 s into the future) with SKIP
 * LOCKED so several notifier replicas never post the same delivery twice at once; the HTTP call
 * happens outside any database transaction.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    DataSource dataSource;
    @Inject
    WebhookConfig config;
    @Inject
    MeterRegistry metrics;

    private HttpClient http;
    private WebhookSigner signer;
    private RetryPolicy retry;

    void onStart(@Observes StartupEvent event) {
        http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        retry = new RetryPolicy(config.retryInitial(), config.retryMax(), config.maxAttempts());
        if (!config.urls().isEmpty()) {
            signer = new WebhookSigner(config.secret().orElseThrow(() -> new IllegalStateException(
                    "driftwatch.notifier.webhook.secret (DRIFTWATCH_WEBHOOK_SECRET) is required when webhook URLs are set")));
        }
    }

    record Delivery(long id, String url, int attempts, String body) {
    }

    @Scheduled(every = "${driftwatch.notifier.webhook.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        if (signer == null) {
            return;
        }
        for (Delivery d : claim()) {
            deliver(d);
        }
    }

    private List<Delivery> claim() {
        List<Delivery> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE webhook_delivery d SET next_attempt_at = now() + interval '60 seconds'
                FROM alert a
                WHERE a.id = d.alert_id AND d.id IN (
                  SELECT id FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED)
                RETURNING d.id, d.url, d.attempts, a.ocsf::text""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            LOG.warnf("claiming webhook deliveries failed: %s", e.getMessage());
        }
        return claimed;
    }

    private void deliver(Delivery d) {
        long now = Instant.now().getEpochSecond();
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header(WebhookSigner.TIMESTAMP_HEADER, String.valueOf(now))
                    .header(WebhookSigner.SIGNATURE_HEADER, signer.sign(now, d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                error = "HTTP " + response.statusCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        int attempts = d.attempts() + 1;
        String status = error == null ? "DELIVERED" : retry.exhausted(attempts) ? "FAILED" : "PENDING";
        Instant next = error == null ? Instant.now() : Instant.now().plus(retry.delayAfter(attempts));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE webhook_delivery SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?,
                  delivered_at = CASE WHEN ? THEN now() ELSE NULL END WHERE id = ?""")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setTimestamp(3, Timestamp.from(next));
            ps.setString(4, error);
            ps.setBoolean(5, error == null);
            ps.setLong(6, d.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("recording webhook delivery %d failed: %s", d.id(), e.getMessage());
        }
        metrics.counter("driftwatch.webhook.deliveries", "status", status).increment();
        if (error != null) {
            LOG.infof("webhook delivery %d to %s failed (attempt %d, %s): %s", d.id(), hostOf(d.url()), attempts, status, error);
        }
    }

    /** Webhook URLs may carry tokens in their path or query: log only the host. */
    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "(invalid url)";
        }
    }
}
