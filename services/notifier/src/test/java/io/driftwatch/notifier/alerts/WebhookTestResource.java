package io.driftwatch.notifier.alerts;

import io.driftwatch.infra.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a signature-verifying webhook receiver and points the notifier at it. */
public class WebhookTestResource implements QuarkusTestResourceLifecycleManager {
    static final String SECRET = "test-webhook-secret-0123456789";
    static WebhookReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = new WebhookReceiver(SECRET);
        return Map.of("driftwatch.notifier.webhook.url-list", receiver.url(), "driftwatch.notifier.webhook.secret", SECRET);
    }

    @Override
    public void stop() {
        receiver.close();
    }
}
