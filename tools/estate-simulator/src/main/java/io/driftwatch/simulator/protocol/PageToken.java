package io.driftwatch.simulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Key-based pagination: the token carries the last returned key, so a page boundary stays
 * stable while resources are added or removed between calls.
 */
public final class PageToken {
  private static final String PREFIX = "dw1:";

  private PageToken() {}

  public record Page<T>(List<T> items, String nextToken) {}

  /** Pages over {@code sorted} (ascending by {@code key}); throws {@code errorCode} for a token it did not issue. */
  public static <T> Page<T> page(List<T> sorted, Function<T, String> key, String token, int max, String errorCode) {
    int from = 0;
    if (token != null && !token.isEmpty()) {
      String last = decode(token, errorCode);
      while (from < sorted.size() && key.apply(sorted.get(from)).compareTo(last) <= 0) {
        from++;
      }
    }
    int to = Math.min(sorted.size(), from + max);
    List<T> items = List.copyOf(sorted.subList(from, to));
    String next = to < sorted.size() ? encode(key.apply(sorted.get(to - 1))) : null;
    return new Page<>(items, next);
  }

  private static String encode(String lastKey) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String token, String errorCode) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith(PREFIX)) {
        return s.substring(PREFIX.length());
      }
    } catch (IllegalArgumentException ignored) {
      // falls through to the service's invalid-token error
    }
    throw AwsException.badRequest(errorCode, "The token '" + token + "' is invalid.");
  }
}
