package io.driftwatch.simulator.estate;

/** A planted or injected misconfiguration, in AWS Config's resource vocabulary. */
public record Misconfiguration(String ruleId, String accountId, String region, String resourceType, String resourceId) {
  public static final String SG_OPEN_SSH = "sg-open-ssh";
  public static final String IAM_CONSOLE_NO_MFA = "iam-console-no-mfa";
}
