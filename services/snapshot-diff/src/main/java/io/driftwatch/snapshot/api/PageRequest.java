package io.driftwatch.snapshot.api;

/** The {@code limit} query parameter: default 100, between 1 and 1000. */
public final class PageRequest {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private PageRequest() {
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + requested);
        }
        return requested;
    }
}
