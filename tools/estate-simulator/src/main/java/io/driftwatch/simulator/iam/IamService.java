package io.driftwatch.simulator.iam;

import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.IamModel;
import io.driftwatch.simulator.estate.IamUser;
import io.driftwatch.simulator.protocol.AwsCall;
import io.driftwatch.simulator.protocol.AwsException;
import io.driftwatch.simulator.protocol.AwsResponse;
import io.driftwatch.simulator.protocol.QueryXmlService;
import io.driftwatch.simulator.protocol.PageToken;
import io.driftwatch.simulator.protocol.QueryParams;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.Objects;

/** IAM over the Query protocol. IAM is global: the region in the scope is ignored, the account is the caller's. */
public final class IamService extends QueryXmlService {
  public static final String XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

  private final Estate estate;

  public IamService(Estate estate) {
    super("iam", XMLNS);
    this.estate = estate;
  }

  @Override
  public AwsResponse handle(AwsCall call) {
    return switch (Objects.requireNonNullElse(call.action(), "")) {
      case "ListUsers" -> listUsers(call);
      case "ListMFADevices" -> listMfaDevices(call);
      case "GetLoginProfile" -> getLoginProfile(call);
      case "GetUser" -> getUser(call);
      case "ListAccessKeys" -> listAccessKeys(call);
      case "GetAccessKeyLastUsed" -> getAccessKeyLastUsed(call);
      case "ListAttachedUserPolicies" -> attached(call, "ListAttachedUserPolicies",
          estate.userExtras(call.caller().accountId(), user(call, call.params().get("UserName")).userName()).attachedPolicies());
      case "ListUserPolicies" -> policyNames(call, "ListUserPolicies",
          estate.userExtras(call.caller().accountId(), user(call, call.params().get("UserName")).userName()).inlinePolicies());
      case "GetUserPolicy" -> inlinePolicy(call, "GetUserPolicy", "UserName", user(call, call.params().get("UserName")).userName(),
          estate.userExtras(call.caller().accountId(), user(call, call.params().get("UserName")).userName()).inlinePolicies());
      case "ListGroupsForUser" -> listGroupsForUser(call);
      case "ListRoles" -> listRoles(call);
      case "ListAttachedRolePolicies" -> attached(call, "ListAttachedRolePolicies", role(call).attachedPolicies());
      case "ListRolePolicies" -> policyNames(call, "ListRolePolicies", role(call).inlinePolicies());
      case "GetRolePolicy" -> inlinePolicy(call, "GetRolePolicy", "RoleName", role(call).roleName(), role(call).inlinePolicies());
      case "ListPolicies" -> listPolicies(call);
      case "GetPolicyVersion" -> getPolicyVersion(call);
      case "ListGroups" -> listGroups(call);
      case "ListAttachedGroupPolicies" -> attached(call, "ListAttachedGroupPolicies", group(call).attachedPolicies());
      case "ListGroupPolicies" -> policyNames(call, "ListGroupPolicies", group(call).inlinePolicies());
      case "GetGroupPolicy" -> inlinePolicy(call, "GetGroupPolicy", "GroupName", group(call).groupName(), group(call).inlinePolicies());
      case "GetAccountAuthorizationDetails" -> getAccountAuthorizationDetails(call);
      case "GetAccountSummary" -> getAccountSummary(call);
      case "GetAccountPasswordPolicy" -> getAccountPasswordPolicy(call);
      default -> throw AwsException.badRequest("InvalidAction", "Could not find operation " + call.action() + " for version 2010-05-08");
    };
  }

  private AwsResponse listUsers(AwsCall call) {
    QueryParams p = call.params();
    String prefix = Objects.requireNonNullElse(p.get("PathPrefix"), "/");
    List<IamUser> users = new ArrayList<>();
    for (IamUser u : estate.users(call.caller().accountId())) {
      if (u.path().startsWith(prefix)) {
        users.add(u);
      }
    }
    PageToken.Page<IamUser> page = page(p, users, IamUser::userName);
    XmlWriter w = start("ListUsers", page.nextToken()).start("Users");
    for (IamUser u : page.items()) {
      user(w.start("member"), u).end();
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private AwsResponse getUser(AwsCall call) {
    IamUser u = user(call, call.params().get("UserName"));
    XmlWriter w = XmlWriter.document("GetUserResponse", XMLNS).start("GetUserResult").start("User");
    user(w, u).end().end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
  }

  private AwsResponse listMfaDevices(AwsCall call) {
    IamUser u = user(call, call.params().get("UserName"));
    PageToken.Page<IamUser.MfaDevice> page = page(call.params(), u.mfaDevices(), IamUser.MfaDevice::serialNumber);
    XmlWriter w = start("ListMFADevices", page.nextToken()).start("MFADevices");
    for (IamUser.MfaDevice d : page.items()) {
      w.start("member").element("UserName", u.userName()).element("SerialNumber", d.serialNumber())
          .element("EnableDate", d.enableDate()).end();
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private AwsResponse getLoginProfile(AwsCall call) {
    IamUser u = user(call, call.params().get("UserName"));
    if (u.loginProfile() == null) {
      throw new AwsException("NoSuchEntity", "Login Profile for User " + u.userName() + " cannot be found.", 404);
    }
    return AwsResponse.xml(XmlWriter.document("GetLoginProfileResponse", XMLNS)
        .start("GetLoginProfileResult").start("LoginProfile")
        .element("UserName", u.userName())
        .element("CreateDate", u.loginProfile().createDate())
        .element("PasswordResetRequired", u.loginProfile().passwordResetRequired())
        .end().end()
        .start("ResponseMetadata").element("RequestId", call.requestId()).end()
        .finish());
  }

  /** Resolves the named user, or the calling user when no name is given (as IAM does). */
  private IamUser user(AwsCall call, String userName) {
    String name = userName;
    if (name == null || name.isEmpty()) {
      if (!call.caller().isUser()) {
        throw AwsException.badRequest("ValidationError", "Must specify userName when calling with non-User credentials");
      }
      name = call.caller().userName();
    }
    String n = name;
    return estate.user(call.caller().accountId(), n).orElseThrow(() ->
        new AwsException("NoSuchEntity", "The user with name " + n + " cannot be found.", 404));
  }

  private static XmlWriter user(XmlWriter w, IamUser u) {
    return w.element("Path", u.path()).element("UserName", u.userName()).element("UserId", u.userId())
        .element("Arn", u.arn()).element("CreateDate", u.createDate()).element("PasswordLastUsed", u.passwordLastUsed());
  }

  private static <T> PageToken.Page<T> page(QueryParams p, List<T> items, java.util.function.Function<T, String> key) {
    Integer max = p.intParam("MaxItems", 1, 1000, "ValidationError");
    return PageToken.page(items, key, p.get("Marker"), max == null ? 100 : max, "InvalidInput");
  }

  private static XmlWriter start(String action, String marker) {
    return XmlWriter.document(action + "Response", XMLNS).start(action + "Result")
        .element("IsTruncated", marker != null);
  }

  private static AwsResponse finish(XmlWriter w, AwsCall call, String marker) {
    w.element("Marker", marker).end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
  }

  // --- access keys ---

  private AwsResponse listAccessKeys(AwsCall call) {
    IamUser u = user(call, call.params().get("UserName"));
    List<IamModel.AccessKey> keys = estate.userExtras(call.caller().accountId(), u.userName()).accessKeys();
    PageToken.Page<IamModel.AccessKey> page = page(call.params(), keys, IamModel.AccessKey::accessKeyId);
    XmlWriter w = start("ListAccessKeys", page.nextToken()).start("AccessKeyMetadata");
    for (IamModel.AccessKey k : page.items()) {
      w.start("member").element("UserName", u.userName()).element("AccessKeyId", k.accessKeyId())
          .element("Status", k.status()).element("CreateDate", k.createDate()).end();
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private AwsResponse getAccessKeyLastUsed(AwsCall call) {
    String keyId = call.params().get("AccessKeyId");
    if (keyId == null || keyId.isEmpty()) {
      throw AwsException.badRequest("ValidationError", "1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null");
    }
    String account = call.caller().accountId();
    for (IamUser u : estate.users(account)) {
      for (IamModel.AccessKey k : estate.userExtras(account, u.userName()).accessKeys()) {
        if (k.accessKeyId().equals(keyId)) {
          // Never-used keys report N/A for service and region, and no date, like IAM.
          XmlWriter w = XmlWriter.document("GetAccessKeyLastUsedResponse", XMLNS).start("GetAccessKeyLastUsedResult")
              .element("UserName", u.userName()).start("AccessKeyLastUsed")
              .element("LastUsedDate", k.lastUsed())
              .element("ServiceName", k.lastUsedService() == null ? "N/A" : k.lastUsedService())
              .element("Region", k.lastUsedRegion() == null ? "N/A" : k.lastUsedRegion())
              .end().end();
          return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
        }
      }
    }
    // IAM answers AccessDenied rather than revealing whether a foreign key exists.
    throw AwsException.forbidden("AccessDenied", "User: " + call.caller().arn()
        + " is not authorized to perform: iam:GetAccessKeyLastUsed on resource: access key " + keyId);
  }

  // --- policies attached to users, roles and groups ---

  private AwsResponse attached(AwsCall call, String action, List<IamModel.AttachedPolicy> policies) {
    PageToken.Page<IamModel.AttachedPolicy> page = page(call.params(), sorted(policies, IamModel.AttachedPolicy::policyArn),
        IamModel.AttachedPolicy::policyArn);
    XmlWriter w = start(action, page.nextToken()).start("AttachedPolicies");
    for (IamModel.AttachedPolicy p : page.items()) {
      w.start("member").element("PolicyName", p.policyName()).element("PolicyArn", p.policyArn()).end();
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private AwsResponse policyNames(AwsCall call, String action, Map<String, String> inline) {
    PageToken.Page<String> page = page(call.params(), sorted(List.copyOf(inline.keySet()), n -> n), n -> n);
    XmlWriter w = start(action, page.nextToken()).start("PolicyNames");
    for (String name : page.items()) {
      w.element("member", name);
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private AwsResponse inlinePolicy(AwsCall call, String action, String ownerElement, String owner, Map<String, String> inline) {
    String name = call.params().get("PolicyName");
    String doc = name == null ? null : inline.get(name);
    if (doc == null) {
      throw new AwsException("NoSuchEntity", "The " + ownerElement.replace("Name", "").toLowerCase() + " policy with name "
          + name + " cannot be found.", 404);
    }
    XmlWriter w = XmlWriter.document(action + "Response", XMLNS).start(action + "Result")
        .element(ownerElement, owner).element("PolicyName", name).element("PolicyDocument", urlEncode(doc)).end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
  }

  private AwsResponse listGroupsForUser(AwsCall call) {
    IamUser u = user(call, call.params().get("UserName"));
    List<String> names = estate.userExtras(call.caller().accountId(), u.userName()).groups();
    List<IamModel.Group> groups = estate.groups(call.caller().accountId()).stream().filter(g -> names.contains(g.groupName())).toList();
    PageToken.Page<IamModel.Group> page = page(call.params(), groups, IamModel.Group::groupName);
    XmlWriter w = start("ListGroupsForUser", page.nextToken()).start("Groups");
    page.items().forEach(g -> group(w.start("member"), g).end());
    w.end();
    return finish(w, call, page.nextToken());
  }

  // --- roles, managed policies, groups ---

  private AwsResponse listRoles(AwsCall call) {
    String prefix = Objects.requireNonNullElse(call.params().get("PathPrefix"), "/");
    List<IamModel.Role> roles = estate.roles(call.caller().accountId()).stream().filter(r -> r.path().startsWith(prefix)).toList();
    PageToken.Page<IamModel.Role> page = page(call.params(), roles, IamModel.Role::roleName);
    XmlWriter w = start("ListRoles", page.nextToken()).start("Roles");
    for (IamModel.Role r : page.items()) {
      // IAM returns policy documents URL-encoded (RFC 3986), which the SDK hands over as is.
      w.start("member").element("Path", r.path()).element("RoleName", r.roleName()).element("RoleId", r.roleId())
          .element("Arn", r.arn()).element("CreateDate", r.createDate())
          .element("AssumeRolePolicyDocument", urlEncode(r.trustPolicy()))
          .element("Description", r.description()).element("MaxSessionDuration", r.maxSessionDuration()).end();
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private IamModel.Role role(AwsCall call) {
    String name = call.params().get("RoleName");
    return estate.roles(call.caller().accountId()).stream().filter(r -> r.roleName().equals(name)).findFirst()
        .orElseThrow(() -> new AwsException("NoSuchEntity", "The role with name " + name + " cannot be found.", 404));
  }

  private IamModel.Group group(AwsCall call) {
    String name = call.params().get("GroupName");
    return estate.groups(call.caller().accountId()).stream().filter(g -> g.groupName().equals(name)).findFirst()
        .orElseThrow(() -> new AwsException("NoSuchEntity", "The group with name " + name + " cannot be found.", 404));
  }

  private AwsResponse listPolicies(AwsCall call) {
    String scope = Objects.requireNonNullElse(call.params().get("Scope"), "All");
    if (!List.of("All", "AWS", "Local").contains(scope)) {
      throw AwsException.badRequest("ValidationError", "1 validation error detected: Value '" + scope
          + "' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]");
    }
    // AWS-managed policies are not simulated: Scope=AWS lists nothing.
    List<IamModel.ManagedPolicy> policies = scope.equals("AWS") ? List.of() : estate.policies(call.caller().accountId());
    if ("true".equals(call.params().get("OnlyAttached"))) {
      policies = policies.stream().filter(p -> p.attachmentCount() > 0).toList();
    }
    PageToken.Page<IamModel.ManagedPolicy> page = page(call.params(), policies, IamModel.ManagedPolicy::policyName);
    XmlWriter w = start("ListPolicies", page.nextToken()).start("Policies");
    for (IamModel.ManagedPolicy p : page.items()) {
      w.start("member").element("PolicyName", p.policyName()).element("PolicyId", p.policyId()).element("Arn", p.arn())
          .element("Path", p.path()).element("DefaultVersionId", p.defaultVersionId())
          .element("AttachmentCount", p.attachmentCount()).element("PermissionsBoundaryUsageCount", 0)
          .element("IsAttachable", true).element("Description", p.description())
          .element("CreateDate", p.createDate()).element("UpdateDate", p.updateDate()).end();
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private AwsResponse getPolicyVersion(AwsCall call) {
    String arn = call.params().get("PolicyArn");
    String version = call.params().get("VersionId");
    Optional<IamModel.ManagedPolicy> policy = estate.policies(call.caller().accountId()).stream()
        .filter(p -> p.arn().equals(arn)).findFirst();
    if (policy.isEmpty()) {
      throw new AwsException("NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.", 404);
    }
    IamModel.ManagedPolicy p = policy.get();
    // Only the default version's document is kept; older versions exist in name only.
    int n = Integer.parseInt(p.defaultVersionId().substring(1));
    int asked = version != null && version.matches("v\\d+") ? Integer.parseInt(version.substring(1)) : -1;
    if (asked < 1 || asked > n) {
      throw new AwsException("NoSuchEntity", "Policy " + arn + " version " + version + " does not exist or is not attachable.", 404);
    }
    boolean isDefault = asked == n;
    XmlWriter w = XmlWriter.document("GetPolicyVersionResponse", XMLNS).start("GetPolicyVersionResult").start("PolicyVersion")
        .element("Document", urlEncode(isDefault ? p.document() : "{\"Version\":\"2012-10-17\",\"Statement\":[]}"))
        .element("VersionId", version).element("IsDefaultVersion", isDefault)
        .element("CreateDate", isDefault ? p.updateDate() : p.createDate()).end().end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
  }

  private AwsResponse listGroups(AwsCall call) {
    String prefix = Objects.requireNonNullElse(call.params().get("PathPrefix"), "/");
    List<IamModel.Group> groups = estate.groups(call.caller().accountId()).stream().filter(g -> g.path().startsWith(prefix)).toList();
    PageToken.Page<IamModel.Group> page = page(call.params(), groups, IamModel.Group::groupName);
    XmlWriter w = start("ListGroups", page.nextToken()).start("Groups");
    page.items().forEach(g -> group(w.start("member"), g).end());
    w.end();
    return finish(w, call, page.nextToken());
  }

  private static XmlWriter group(XmlWriter w, IamModel.Group g) {
    return w.element("Path", g.path()).element("GroupName", g.groupName()).element("GroupId", g.groupId())
        .element("Arn", g.arn()).element("CreateDate", g.createDate());
  }

  // --- every user, group, role and customer-managed policy with their policies, in one paginated call ---

  private static final List<String> ENTITY_FILTERS = List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

  /** One entity of the answer; the key orders and pages the mixed list. */
  private record Entity(String key, Object value) {}

  private AwsResponse getAccountAuthorizationDetails(AwsCall call) {
    String account = call.caller().accountId();
    List<String> filter = call.params().list("Filter.member");
    for (String f : filter) {
      if (!ENTITY_FILTERS.contains(f)) {
        throw AwsException.badRequest("ValidationError", "1 validation error detected: Value '[" + f
            + "]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
            + ENTITY_FILTERS + "]");
      }
    }
    boolean all = filter.isEmpty();
    List<Entity> entities = new ArrayList<>();
    if (all || filter.contains("User")) {
      estate.users(account).forEach(u -> entities.add(new Entity("1/" + u.userName(), u)));
    }
    if (all || filter.contains("Group")) {
      estate.groups(account).forEach(g -> entities.add(new Entity("2/" + g.groupName(), g)));
    }
    if (all || filter.contains("Role")) {
      estate.roles(account).forEach(r -> entities.add(new Entity("3/" + r.roleName(), r)));
    }
    // AWS-managed policies are not simulated: only LocalManagedPolicy yields policies.
    if (all || filter.contains("LocalManagedPolicy")) {
      estate.policies(account).forEach(p -> entities.add(new Entity("4/" + p.policyName(), p)));
    }
    entities.sort(Comparator.comparing(Entity::key));
    PageToken.Page<Entity> page = page(call.params(), entities, Entity::key);
    XmlWriter w = start("GetAccountAuthorizationDetails", page.nextToken());
    w.start("UserDetailList");
    for (Entity e : page.items()) {
      if (e.value() instanceof IamUser u) {
        IamModel.UserExtras extras = estate.userExtras(account, u.userName());
        w.start("member").element("Path", u.path()).element("UserName", u.userName()).element("UserId", u.userId())
            .element("Arn", u.arn()).element("CreateDate", u.createDate());
        inlineList(w, "UserPolicyList", extras.inlinePolicies());
        w.start("GroupList");
        extras.groups().forEach(g -> w.element("member", g));
        w.end();
        attachedList(w, extras.attachedPolicies());
        w.end();
      }
    }
    w.end().start("GroupDetailList");
    for (Entity e : page.items()) {
      if (e.value() instanceof IamModel.Group g) {
        group(w.start("member"), g);
        inlineList(w, "GroupPolicyList", g.inlinePolicies());
        attachedList(w, g.attachedPolicies());
        w.end();
      }
    }
    w.end().start("RoleDetailList");
    for (Entity e : page.items()) {
      if (e.value() instanceof IamModel.Role r) {
        w.start("member").element("Path", r.path()).element("RoleName", r.roleName()).element("RoleId", r.roleId())
            .element("Arn", r.arn()).element("CreateDate", r.createDate())
            .element("AssumeRolePolicyDocument", urlEncode(r.trustPolicy()));
        inlineList(w, "RolePolicyList", r.inlinePolicies());
        attachedList(w, r.attachedPolicies());
        w.end();
      }
    }
    w.end().start("Policies");
    for (Entity e : page.items()) {
      if (e.value() instanceof IamModel.ManagedPolicy p) {
        w.start("member").element("PolicyName", p.policyName()).element("PolicyId", p.policyId()).element("Arn", p.arn())
            .element("Path", p.path()).element("DefaultVersionId", p.defaultVersionId())
            .element("AttachmentCount", p.attachmentCount()).element("PermissionsBoundaryUsageCount", 0)
            .element("IsAttachable", true).element("Description", p.description())
            .element("CreateDate", p.createDate()).element("UpdateDate", p.updateDate())
            // Only the default version's document is kept, so only that version is listed.
            .start("PolicyVersionList").start("member").element("Document", urlEncode(p.document()))
            .element("VersionId", p.defaultVersionId()).element("IsDefaultVersion", true)
            .element("CreateDate", p.updateDate()).end().end()
            .end();
      }
    }
    w.end();
    return finish(w, call, page.nextToken());
  }

  private static void inlineList(XmlWriter w, String element, Map<String, String> inline) {
    w.start(element);
    for (String name : sorted(List.copyOf(inline.keySet()), n -> n)) {
      w.start("member").element("PolicyName", name).element("PolicyDocument", urlEncode(inline.get(name))).end();
    }
    w.end();
  }

  private static void attachedList(XmlWriter w, List<IamModel.AttachedPolicy> policies) {
    w.start("AttachedManagedPolicies");
    for (IamModel.AttachedPolicy p : sorted(policies, IamModel.AttachedPolicy::policyArn)) {
      w.start("member").element("PolicyName", p.policyName()).element("PolicyArn", p.policyArn()).end();
    }
    w.end();
  }

  // --- account-level settings ---

  private AwsResponse getAccountSummary(AwsCall call) {
    String account = call.caller().accountId();
    IamModel.AccountSettings s = estate.iamSettings(account);
    List<IamUser> users = estate.users(account);
    long mfa = users.stream().mapToLong(u -> u.mfaDevices().size()).sum();
    Map<String, Integer> summary = new LinkedHashMap<>();
    summary.put("Users", users.size());
    summary.put("UsersQuota", 5000);
    summary.put("Groups", estate.groups(account).size());
    summary.put("GroupsQuota", 300);
    summary.put("Roles", estate.roles(account).size());
    summary.put("RolesQuota", 1000);
    summary.put("Policies", estate.policies(account).size());
    summary.put("PoliciesQuota", 1500);
    summary.put("MFADevices", (int) mfa + (s.rootMfaEnabled() ? 1 : 0));
    summary.put("MFADevicesInUse", (int) mfa + (s.rootMfaEnabled() ? 1 : 0));
    summary.put("AccountMFAEnabled", s.rootMfaEnabled() ? 1 : 0);
    summary.put("AccountAccessKeysPresent", s.rootAccessKeysPresent() ? 1 : 0);
    summary.put("AccountSigningCertificatesPresent", 0);
    XmlWriter w = XmlWriter.document("GetAccountSummaryResponse", XMLNS).start("GetAccountSummaryResult").start("SummaryMap");
    summary.forEach((k, v) -> w.start("entry").element("key", k).element("value", v).end());
    w.end().end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
  }

  private AwsResponse getAccountPasswordPolicy(AwsCall call) {
    IamModel.PasswordPolicy p = estate.iamSettings(call.caller().accountId()).passwordPolicy();
    if (p == null) {
      throw new AwsException("NoSuchEntity", "The Password Policy with domain name " + call.caller().accountId()
          + " cannot be found.", 404);
    }
    XmlWriter w = XmlWriter.document("GetAccountPasswordPolicyResponse", XMLNS).start("GetAccountPasswordPolicyResult")
        .start("PasswordPolicy")
        .element("MinimumPasswordLength", p.minimumPasswordLength())
        .element("RequireSymbols", p.requireSymbols())
        .element("RequireNumbers", p.requireNumbers())
        .element("RequireUppercaseCharacters", p.requireUppercaseCharacters())
        .element("RequireLowercaseCharacters", p.requireLowercaseCharacters())
        .element("AllowUsersToChangePassword", p.allowUsersToChangePassword())
        .element("ExpirePasswords", p.maxPasswordAge() != null)
        .element("MaxPasswordAge", p.maxPasswordAge())
        .element("PasswordReusePrevention", p.passwordReusePrevention())
        .element("HardExpiry", p.hardExpiry())
        .end().end();
    return AwsResponse.xml(w.start("ResponseMetadata").element("RequestId", call.requestId()).end().finish());
  }

  private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> key) {
    List<T> out = new ArrayList<>(items);
    out.sort(Comparator.comparing(key));
    return out;
  }

  /** RFC 3986 percent-encoding, the form IAM uses for policy documents. */
  static String urlEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
