package io.driftwatch.collector.aws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Token buckets per key (account/region/service): each HTTP attempt takes one token, tokens refill
 * at {@code ratePerSecond} up to {@code burst}. Keeps the collector under AWS's own per-account,
 * per-region API rate limits instead of discovering them through throttling errors.
 */
public final class RateBudget {
    private final double ratePerSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateBudget(double ratePerSecond, double burst) {
        if (ratePerSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    /** Blocks until {@code key} has a token. */
    public void acquire(String key) {
        long waitNanos = reserve(key, System.nanoTime());
        while (waitNanos > 0) {
            LockSupport.parkNanos(waitNanos);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the API rate budget of " + key);
            }
            waitNanos = reserve(key, System.nanoTime());
        }
    }

    /** Takes a token if one is available now and returns 0, or returns how long to wait for one. */
    long reserve(String key, long nowNanos) {
        return Lookups.getOrCompute(buckets, key, k -> new Bucket(burst, nowNanos)).reserve(nowNanos, ratePerSecond, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized long reserve(long now, double rate, double burst) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / rate * 1e9);
        }
    }
}
