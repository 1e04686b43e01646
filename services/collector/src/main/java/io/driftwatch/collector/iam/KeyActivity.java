package io.driftwatch.collector.iam;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an access key has gone unused, in coarse steps. The exact last-use date moves with every
 * call the key signs, so the canonical form ignores it (it would make a new version of the user per
 * use); this step changes only when the key crosses 30, 90, 180 or 365 days without use, which is when
 * a staleness verdict can flip, so the item changes exactly then and the rules re-judge it.
 */
final class KeyActivity {
    /** The steps, in days; a key inactive for 120 days is "at least 90". */
    static final int[] STEPS_DAYS = {0, 30, 90, 180, 365};

    private KeyActivity() {
    }

    /**
     * The largest step not exceeding the days since the key's last use or, if it was never used, since
     * its creation; -1 when neither date is known.
     */
    static int inactiveForAtLeastDays(Instant lastUsed, Instant created, Instant now) {
        Instant since = lastUsed != null ? lastUsed : created;
        if (since == null) {
            return -1;
        }
        long days = Duration.between(since, now).toDays();
        int step = 0;
        for (int s : STEPS_DAYS) {
            if (days >= s) {
                step = s;
            }
        }
        return step;
    }
}
