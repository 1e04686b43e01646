package io.driftwatch.snapshot.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorAndMomentsTest {
    @Test
    void cursorRoundTripsAndIsOpaque() {
        String c = Cursor.encode("inv", List.of("123456789012:us-east-1:AWS::EC2::Instance:i-1"));
        assertThat(c).doesNotContain(":").doesNotContain("=");
        assertThat(Cursor.decode("inv", c, 1)).containsExactly("123456789012:us-east-1:AWS::EC2::Instance:i-1");
    }

    @Test
    void cursorWithSeveralPartsAndEmptyParts() {
        String c = Cursor.encode("snap", List.of("2026-01-01T00:00:00Z", "", "123456789012"));
        assertThat(Cursor.decode("snap", c, 3)).containsExactly("2026-01-01T00:00:00Z", "", "123456789012");
    }

    @Test
    void missingCursorMeansFirstPage() {
        assertThat(Cursor.decode("inv", null, 1)).isNull();
        assertThat(Cursor.decode("inv", " ", 1)).isNull();
    }

    @Test
    void cursorOfAnotherListingIsRefused() {
        String c = Cursor.encode("inv", List.of("k"));
        assertThatThrownBy(() -> Cursor.decode("diff", c, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cursor.decode("inv", c, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void garbageCursorIsA400() {
        assertThatThrownBy(() -> Cursor.decode("inv", "%%%not-base64", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cursor");
        assertThatThrownBy(() -> Cursor.decode("inv", "aGVsbG8", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limits() {
        assertThat(PageRequest.limit(null)).isEqualTo(100);
        assertThat(PageRequest.limit(1)).isEqualTo(1);
        assertThat(PageRequest.limit(1000)).isEqualTo(1000);
        assertThatThrownBy(() -> PageRequest.limit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageRequest.limit(1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void momentsAcceptInstantsOffsetsDatesAndNow() {
        Instant now = Instant.parse("2026-05-05T10:00:00Z");
        assertThat(Moments.parseInstantOrNull("now", now)).isEqualTo(now);
        assertThat(Moments.parseInstantOrNull("2026-01-02T03:04:05Z", now)).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(Moments.parseInstantOrNull("2026-01-02T05:04:05+02:00", now)).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(Moments.parseInstantOrNull("2026-01-02", now)).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(Moments.parseInstantOrNull("run-7/123456789012", now)).isNull();
        assertThat(Moments.parseInstantOrNull(null, now)).isNull();
        assertThatThrownBy(() -> Moments.parseInstant("at", "yesterday", now)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at must be");
    }

    @Test
    void snapshotReferences() {
        assertThat(Moments.SnapshotRef.parse("run-7/123456789012", null))
                .isEqualTo(new Moments.SnapshotRef("run-7", "123456789012"));
        assertThat(Moments.SnapshotRef.parse("run-7", "123456789012"))
                .isEqualTo(new Moments.SnapshotRef("run-7", "123456789012"));
        assertThatThrownBy(() -> Moments.SnapshotRef.parse("run-7", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
