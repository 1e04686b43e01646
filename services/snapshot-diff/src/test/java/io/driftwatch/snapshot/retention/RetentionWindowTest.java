package io.driftwatch.snapshot.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionWindowTest {
    private final Instant now = Instant.parse("2026-06-01T00:00:00Z");
    private final RetentionWindow window = new RetentionWindow(Duration.parse("P400D"));
    private final Instant cutoff = Instant.parse("2025-04-27T00:00:00Z");

    @Test
    void cutoffIsNowMinusRetention() {
        assertThat(window.cutoff(now)).isEqualTo(cutoff);
        assertThat(window.contains(cutoff, now)).isTrue();
        assertThat(window.contains(cutoff.minusSeconds(1), now)).isFalse();
    }

    @Test
    void aVersionEndingBeforeTheCutoffIsPrunable() {
        assertThat(window.prunable(cutoff.minusSeconds(100), cutoff.minusSeconds(1), false, now)).isTrue();
    }

    @Test
    void aVersionValidAtTheCutoffIsKept() {
        // Valid at the very first moment of the window: a point-in-time read at the cutoff needs it.
        assertThat(window.prunable(cutoff.minusSeconds(100), cutoff, false, now)).isFalse();
        assertThat(window.prunable(cutoff.minusSeconds(100), cutoff.plusSeconds(1), false, now)).isFalse();
    }

    @Test
    void theCurrentVersionIsKeptHoweverOld() {
        assertThat(window.prunable(cutoff.minus(Duration.ofDays(1000)), null, false, now)).isFalse();
    }

    @Test
    void anOldTombstoneIsPrunableAYoungOneIsNot() {
        assertThat(window.prunable(cutoff.minusSeconds(1), null, true, now)).isTrue();
        assertThat(window.prunable(cutoff.plusSeconds(1), null, true, now)).isFalse();
    }

    @Test
    void readsBeforeTheWindowAreRefused() {
        window.requireInside("at", cutoff, now);
        assertThatThrownBy(() -> window.requireInside("at", cutoff.minusSeconds(1), now))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention window");
    }

    @Test
    void retentionMustBePositive() {
        assertThatThrownBy(() -> new RetentionWindow(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionWindow(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
