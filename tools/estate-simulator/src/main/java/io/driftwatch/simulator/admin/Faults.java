package io.driftwatch.simulator.admin;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** Injected faults. The whole configuration is swapped atomically, so readers never see half an update. */
public final class Faults {
  /**
   * Throttling for calls matching account / region / action ({@code *} matches anything): either a
   * random share of the calls ({@code rate}), or EC2-style token buckets, one per (account, region,
   * API), holding {@code burst} calls and refilled at {@code refillPerSecond} (burst 0: random mode).
   */
  public record Throttle(String account, String region, String action, double rate, int burst, double refillPerSecond) {
    public static Throttle random(String account, String region, String action, double rate) {
      return new Throttle(account, region, action, rate, 0, 0);
    }

    public static Throttle bucket(String account, String region, String action, int burst, double refillPerSecond) {
      return new Throttle(account, region, action, 0, burst, refillPerSecond);
    }

    boolean matches(String accountId, String reqRegion, String service, String reqAction) {
      return wild(account, accountId) && wild(region, reqRegion)
          && (wild(action, reqAction) || action.equalsIgnoreCase(service + ":" + reqAction));
    }

    private static boolean wild(String pattern, String value) {
      return pattern == null || "*".equals(pattern) || pattern.equals(value);
    }
  }

  /** {@code serverErrorRate}: share of AWS calls (after authentication) answered with HTTP 500. */
  public record Config(Set<String> assumeRoleDenied, List<Throttle> throttles, long latencyMillis, double serverErrorRate) {
    public static final Config NONE = new Config(Set.of(), List.of(), 0, 0);

    public Config {
      assumeRoleDenied = Set.copyOf(assumeRoleDenied);
      throttles = List.copyOf(throttles);
    }
  }

  private volatile Config config = Config.NONE;
  /** Token buckets of the current configuration, by throttle index, account, region and API. */
  private volatile ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongAdder throttled = new LongAdder();

  /** Calls answered with a throttling error so far. */
  public long throttledCalls() {
    return throttled.sum();
  }

  public Config config() {
    return config;
  }

  public void set(Config config) {
    this.buckets = new ConcurrentHashMap<>();
    this.config = config;
  }

  public void clear() {
    set(Config.NONE);
  }

  public boolean assumeRoleDenied(String accountId) {
    return config.assumeRoleDenied().contains(accountId);
  }

  public boolean shouldThrottle(String accountId, String region, String service, String action) {
    List<Throttle> throttles = config.throttles();
    for (int i = 0; i < throttles.size(); i++) {
      Throttle t = throttles.get(i);
      if (!t.matches(accountId, region, service, action)) {
        continue;
      }
      boolean throttle = t.burst() > 0
          ? !buckets.computeIfAbsent(i + "|" + accountId + "|" + region + "|" + service + ":" + action,
              k -> new Bucket(t.burst())).take(t.burst(), t.refillPerSecond(), System.nanoTime())
          : ThreadLocalRandom.current().nextDouble() < t.rate();
      if (throttle) {
        throttled.increment();
        return true;
      }
    }
    return false;
  }

  /** A token bucket: starts full, refills continuously up to its burst size. */
  static final class Bucket {
    private double tokens;
    private long lastNanos = -1;

    Bucket(int burst) {
      this.tokens = burst;
    }

    synchronized boolean take(int burst, double refillPerSecond, long nowNanos) {
      if (lastNanos >= 0) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) / 1e9 * refillPerSecond);
      }
      lastNanos = nowNanos;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }

  public boolean shouldFailWithServerError() {
    double rate = config.serverErrorRate();
    return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
  }

  /** Injected latency; interruption just ends the wait early. */
  public void delay() {
    long millis = config.latencyMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
