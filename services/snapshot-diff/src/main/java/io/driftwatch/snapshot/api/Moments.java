package io.driftwatch.snapshot.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses a moment given to the API: {@code now}, an ISO-8601 instant or offset date-time, or a date
 * (start of that day, UTC). Anything else is returned as null so callers can try a snapshot reference.
 */
public final class Moments {
    private Moments() {
    }

    public static Instant parseInstantOrNull(String raw, Instant now) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        if (s.equalsIgnoreCase("now")) {
            return now;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** Like {@link #parseInstantOrNull} but a 400 for anything that is not a moment. */
    public static Instant parseInstant(String name, String raw, Instant now) {
        Instant at = parseInstantOrNull(raw, now);
        if (at == null) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant (2026-01-31T12:00:00Z) or 'now', got: " + raw);
        }
        return at;
    }

    /** A snapshot reference {@code runId/accountId}, or {@code runId} with the account given apart. */
    public record SnapshotRef(String runId, String accountId) {
        public static SnapshotRef parse(String raw, String defaultAccount) {
            String s = raw.trim();
            int slash = s.lastIndexOf('/');
            if (slash > 0 && slash < s.length() - 1) {
                return new SnapshotRef(s.substring(0, slash), s.substring(slash + 1));
            }
            if (defaultAccount == null || defaultAccount.isBlank()) {
                throw new IllegalArgumentException(
                        "a snapshot reference must be runId/accountId (or give accountId), got: " + raw);
            }
            return new SnapshotRef(s, defaultAccount);
        }
    }
}
