package io.driftwatch.collector.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyActivityTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static Instant daysAgo(double days) {
        return NOW.minus(Duration.ofMinutes((long) (days * 24 * 60)));
    }

    @Test
    void theStepIsTheLargestNotExceedingTheDaysSinceLastUse() {
        Instant created = daysAgo(1000);
        assertThat(KeyActivity.inactiveForAtLeastDays(daysAgo(0.1), created, NOW)).isZero();
        assertThat(KeyActivity.inactiveForAtLeastDays(daysAgo(29.9), created, NOW)).isZero();
        assertThat(KeyActivity.inactiveForAtLeastDays(daysAgo(30), created, NOW)).isEqualTo(30);
        assertThat(KeyActivity.inactiveForAtLeastDays(daysAgo(89.9), created, NOW)).isEqualTo(30);
        assertThat(KeyActivity.inactiveForAtLeastDays(daysAgo(90), created, NOW)).isEqualTo(90);
        assertThat(KeyActivity.inactiveForAtLeastDays(daysAgo(179), created, NOW)).isEqualTo(90);
        assertThat(KeyActivity.inactiveForAtLeastDays(daysAgo(200), created, NOW)).isEqualTo(180);
        assertThat(KeyActivity.inactiveForAtLeastDays(daysAgo(900), created, NOW)).isEqualTo(365);
    }

    @Test
    void aNeverUsedKeyCountsFromItsCreation() {
        assertThat(KeyActivity.inactiveForAtLeastDays(null, daysAgo(10), NOW)).isZero();
        assertThat(KeyActivity.inactiveForAtLeastDays(null, daysAgo(120), NOW)).isEqualTo(90);
        assertThat(KeyActivity.inactiveForAtLeastDays(null, null, NOW)).isEqualTo(-1);
    }

    @Test
    void dailyUseNeverChangesTheStep() {
        // The point of the step: a key used every day keeps the same value, so the item does not change.
        for (int day = 0; day < 60; day++) {
            Instant now = NOW.plus(Duration.ofDays(day));
            assertThat(KeyActivity.inactiveForAtLeastDays(now.minus(Duration.ofHours(3)), daysAgo(400), now)).isZero();
        }
    }
}
