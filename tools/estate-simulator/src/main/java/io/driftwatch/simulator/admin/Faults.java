package io.driftwatch.simulator.admin;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Injected faults. The whole configuration is swapped atomically, so readers never see half an update. */
public final class Faults {
  /** Throttling for calls matching account / region / action ({@code *} matches anything). */
  public record Throttle(String account, String region, String action, double rate) {
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

  public Config config() {
    return config;
  }

  public void set(Config config) {
    this.config = config;
  }

  public void clear() {
    this.config = Config.NONE;
  }

  public boolean assumeRoleDenied(String accountId) {
    return config.assumeRoleDenied().contains(accountId);
  }

  public boolean shouldThrottle(String accountId, String region, String service, String action) {
    for (Throttle t : config.throttles()) {
      if (t.matches(accountId, region, service, action) && ThreadLocalRandom.current().nextDouble() < t.rate()) {
        return true;
      }
    }
    return false;
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
