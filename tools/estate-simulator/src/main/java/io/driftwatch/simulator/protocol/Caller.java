package io.driftwatch.simulator.protocol;

/**
 * The authenticated principal. {@code accountId} is where every read is scoped, which is what makes
 * cross-account reads impossible by construction. {@code userName} is null for role sessions.
 */
public record Caller(String accessKeyId, String accountId, String arn, String userId, String userName) {
  public boolean isUser() {
    return userName != null;
  }
}
