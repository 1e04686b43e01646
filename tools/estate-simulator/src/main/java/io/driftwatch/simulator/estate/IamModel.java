package io.driftwatch.simulator.estate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** IAM beyond users' console settings: keys, policies, roles, groups and account-level settings. */
public final class IamModel {
  private IamModel() {}

  /** An access key; {@code lastUsed} null means never used (GetAccessKeyLastUsed then reports N/A). */
  public record AccessKey(String accessKeyId, String status, Instant createDate, Instant lastUsed, String lastUsedService,
                          String lastUsedRegion) {}

  public record AttachedPolicy(String policyName, String policyArn) {}

  /** Per-user extras kept apart from {@link IamUser} so the original generator stays byte-for-byte stable. */
  public record UserExtras(List<AccessKey> accessKeys, List<AttachedPolicy> attachedPolicies,
                           Map<String, String> inlinePolicies, List<String> groups) {
    public UserExtras {
      accessKeys = List.copyOf(accessKeys);
      attachedPolicies = List.copyOf(attachedPolicies);
      inlinePolicies = Map.copyOf(inlinePolicies);
      groups = List.copyOf(groups);
    }

    public static final UserExtras NONE = new UserExtras(List.of(), List.of(), Map.of(), List.of());
  }

  /** A role; {@code trustPolicy} is the plain JSON document (IAM URL-encodes it on the wire). */
  public record Role(String accountId, String roleName, String roleId, String path, Instant createDate, String description,
                     String trustPolicy, List<AttachedPolicy> attachedPolicies, Map<String, String> inlinePolicies,
                     int maxSessionDuration) {
    public Role {
      attachedPolicies = List.copyOf(attachedPolicies);
      inlinePolicies = Map.copyOf(inlinePolicies);
    }

    public String arn() {
      return "arn:aws:iam::" + accountId + ":role" + path + roleName;
    }
  }

  /** A customer-managed policy with its default version's document. */
  public record ManagedPolicy(String accountId, String policyName, String policyId, String path, Instant createDate,
                              Instant updateDate, String defaultVersionId, String document, int attachmentCount,
                              String description) {
    public String arn() {
      return "arn:aws:iam::" + accountId + ":policy" + path + policyName;
    }
  }

  public record Group(String accountId, String groupName, String groupId, String path, Instant createDate,
                      List<AttachedPolicy> attachedPolicies, Map<String, String> inlinePolicies) {
    public Group {
      attachedPolicies = List.copyOf(attachedPolicies);
      inlinePolicies = Map.copyOf(inlinePolicies);
    }

    public String arn() {
      return "arn:aws:iam::" + accountId + ":group" + path + groupName;
    }
  }

  public record PasswordPolicy(int minimumPasswordLength, boolean requireSymbols, boolean requireNumbers,
                               boolean requireUppercaseCharacters, boolean requireLowercaseCharacters,
                               boolean allowUsersToChangePassword, Integer maxPasswordAge, Integer passwordReusePrevention,
                               boolean hardExpiry) {}

  /** Account-wide IAM facts; {@code passwordPolicy} null means none set (NoSuchEntity). */
  public record AccountSettings(boolean rootMfaEnabled, boolean rootAccessKeysPresent, PasswordPolicy passwordPolicy) {}
}
