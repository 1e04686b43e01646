package io.driftwatch.snapshot.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * The retention window [now - retention, now]. A version is kept while it was valid at some moment
 * inside the window, that is while {@code valid_to} is null or not older than the cutoff; so the state
 * at any moment inside the window (the latest version with valid_from <= T) is never pruned.
 */
public record RetentionWindow(Duration retention) {
    public RetentionWindow {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be a positive duration");
        }
    }

    public Instant cutoff(Instant now) {
        return now.minus(retention);
    }

    public boolean contains(Instant at, Instant now) {
        return !at.isBefore(cutoff(now));
    }

    /** Whether a version with this validity may be deleted at {@code now}. */
    public boolean prunable(Instant validFrom, Instant validTo, boolean tombstone, Instant now) {
        Instant cutoff = cutoff(now);
        if (validTo != null) {
            return validTo.isBefore(cutoff);
        }
        // The open version of a deleted resource: absent at every moment of the window once it is old.
        return tombstone && validFrom.isBefore(cutoff);
    }

    /** 400 for a read before the window: pruned history cannot answer it faithfully. */
    public void requireInside(String name, Instant at, Instant now) {
        if (!contains(at, now)) {
            throw new IllegalArgumentException(name + " " + at + " is before the retention window (history kept since "
                    + cutoff(now) + ")");
        }
    }
}
