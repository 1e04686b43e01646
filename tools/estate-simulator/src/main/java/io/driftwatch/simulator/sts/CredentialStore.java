package io.driftwatch.simulator.sts;

import io.driftwatch.simulator.protocol.Caller;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Access keys the simulator accepts: the long-term management key and issued session keys. */
public final class CredentialStore {
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** A key with its secret; {@code sessionToken} and {@code expiration} are null for long-term keys. */
  public record Credential(Caller caller, String secretAccessKey, String sessionToken, Instant expiration) {}

  private final Map<String, Credential> byAccessKey = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public void addLongTerm(Caller caller, String secretAccessKey) {
    byAccessKey.put(caller.accessKeyId(), new Credential(caller, secretAccessKey, null, null));
  }

  public Optional<Credential> find(String accessKeyId) {
    return Optional.ofNullable(byAccessKey.get(accessKeyId));
  }

  /** Issues session credentials (ASIA...) acting as {@code arn} in {@code accountId}. */
  public Credential issueSession(String accountId, String arn, String userId, Instant expiration) {
    pruneExpired();
    String accessKeyId;
    do {
      accessKeyId = "ASIA" + random(UPPER, 16);
    } while (byAccessKey.containsKey(accessKeyId));
    Credential c = new Credential(new Caller(accessKeyId, accountId, arn, userId, null), random(SECRET, 40),
        "IQoJb3JpZ2luX2VjE" + random(SECRET, 300), expiration);
    byAccessKey.put(accessKeyId, c);
    return c;
  }

  private void pruneExpired() {
    Instant now = Instant.now();
    byAccessKey.values().removeIf(c -> c.expiration() != null && c.expiration().isBefore(now.minusSeconds(3600)));
  }

  private String random(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
