package io.driftwatch.notifier.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, capped; gives up after {@code maxAttempts}. */
public record RetryPolicy(Duration initial, Duration max, int maxAttempts) {

    /** Delay before attempt {@code attempt + 1}, after {@code attempt} failed attempts (attempt >= 1). */
    public Duration delayAfter(int attempt) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() * (1L << Math.min(attempt - 1, 20)));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}
