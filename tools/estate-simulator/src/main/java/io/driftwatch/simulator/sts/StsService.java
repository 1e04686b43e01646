package io.driftwatch.simulator.sts;

import io.driftwatch.simulator.admin.Faults;
import io.driftwatch.simulator.estate.Account;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.QueryXmlService;
import io.driftwatch.simulator.protocol.Caller;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STS over the Query protocol. The organization role trusts the management account only, so
 * AssumeRole is accepted from management credentials into ACTIVE member accounts.
 */
public final class StsService extends QueryXmlService {
  public static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]{1,64})");
  private static final int MAX_SESSION_SECONDS = 3600;

  private final Estate estate;
  private final CredentialStore credentials;
  private final Faults faults;
  private final String roleName;
  private final String externalId;

  public StsService(Estate estate, CredentialStore credentials, Faults faults, String roleName, String externalId) {
    super("sts", XMLNS);
    this.estate = estate;
    this.credentials = credentials;
    this.faults = faults;
    this.roleName = roleName;
    this.externalId = externalId;
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "GetCallerIdentity" -> getCallerIdentity(call);
      case "AssumeRole" -> assumeRole(call);
      default -> throw AwsException.badRequest("InvalidAction", "Could not find operation " + call.action() + " for version 2011-06-15");
    };
  }

  private AwsResponse getCallerIdentity(AwsCall call) {
    Caller c = call.caller();
    return AwsResponse.xml(XmlWriter.document("GetCallerIdentityResponse", XMLNS)
        .start("GetCallerIdentityResult")
        .element("Arn", c.arn()).element("UserId", c.userId()).element("Account", c.accountId())
        .end()
        .start("ResponseMetadata").element("RequestId", call.requestId()).end()
        .finish());
  }

  private AwsResponse assumeRole(AwsCall call) {
    QueryParams p = call.params();
    String roleArn = required(p, "RoleArn", "roleArn");
    String sessionName = required(p, "RoleSessionName", "roleSessionName");
    if (sessionName.length() < 2 || sessionName.length() > 64) {
      throw AwsException.badRequest("ValidationError",
          "1 validation error detected: Value '" + sessionName + "' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64");
    }
    if (!sessionName.matches("[\\w+=,.@-]*")) {
      throw AwsException.badRequest("ValidationError",
          "1 validation error detected: Value '" + sessionName + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    Matcher m = ROLE_ARN.matcher(roleArn);
    if (!m.matches()) {
      throw AwsException.badRequest("ValidationError", roleArn + " is invalid");
    }
    Integer duration = p.intParam("DurationSeconds", 900, 43_200, "ValidationError");
    int seconds = duration == null ? MAX_SESSION_SECONDS : duration;
    if (seconds > MAX_SESSION_SECONDS) {
      throw AwsException.badRequest("ValidationError",
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    String targetAccount = m.group(1);
    String targetRole = m.group(2);
    Caller caller = call.caller();
    Optional<Account> account = estate.account(targetAccount);
    boolean allowed = caller.accountId().equals(estate.managementAccountId())
        && account.isPresent() && account.get().active()
        && targetRole.equals(roleName)
        && (externalId == null || externalId.equals(p.get("ExternalId")))
        && !faults.assumeRoleDenied(targetAccount);
    if (!allowed) {
      throw AwsException.forbidden("AccessDenied",
          "User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }
    String roleId = roleId(targetAccount, targetRole);
    String assumedArn = "arn:aws:sts::" + targetAccount + ":assumed-role/" + targetRole + "/" + sessionName;
    Instant expiration = Instant.now().plusSeconds(seconds);
    CredentialStore.Credential issued = credentials.issueSession(targetAccount, assumedArn, roleId + ":" + sessionName, expiration);
    return AwsResponse.xml(XmlWriter.document("AssumeRoleResponse", XMLNS)
        .start("AssumeRoleResult")
        .start("AssumedRoleUser").element("AssumedRoleId", roleId + ":" + sessionName).element("Arn", assumedArn).end()
        .start("Credentials")
        .element("AccessKeyId", issued.caller().accessKeyId())
        .element("SecretAccessKey", issued.secretAccessKey())
        .element("SessionToken", issued.sessionToken())
        .element("Expiration", XmlWriter.timestamp(expiration))
        .end()
        .element("PackedPolicySize", 0)
        .end()
        .start("ResponseMetadata").element("RequestId", call.requestId()).end()
        .finish());
  }

  private static String required(QueryParams p, String name, String member) {
    String v = p.get(name);
    if (v == null || v.isEmpty()) {
      throw AwsException.badRequest("ValidationError",
          "1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    }
    return v;
  }

  /** Role ids are stable per account and role, like the AROA id of a real role. */
  static String roleId(String accountId, String role) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest((accountId + "/" + role).getBytes(StandardCharsets.UTF_8));
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
      StringBuilder b = new StringBuilder("AROA");
      for (int i = 0; i < 17; i++) {
        b.append(alphabet.charAt((h[i] & 0xff) % alphabet.length()));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
