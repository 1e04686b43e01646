package io.driftwatch.notifier.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook settings (docs/configuration.md). The secret comes from the environment, never from files in the image. */
@ConfigMapping(prefix = "driftwatch.notifier.webhook")
public interface WebhookConfig {
    /** Receivers of every alert; empty disables webhooks. */
    @WithDefault("none")
    List<String> urlList();

    default List<String> urls() {
        return urlList().stream().filter(u -> !u.isBlank() && !u.equals("none")).toList();
    }

    /** HMAC-SHA256 signing secret; required when URLs are configured. */
    Optional<String> secret();

    @WithDefault("500ms")
    Duration retryInitial();

    @WithDefault("60s")
    Duration retryMax();

    @WithDefault("10")
    int maxAttempts();

    @WithDefault("5s")
    Duration timeout();

    /** How often due deliveries are looked for. */
    @WithDefault("200ms")
    String pollInterval();
}
