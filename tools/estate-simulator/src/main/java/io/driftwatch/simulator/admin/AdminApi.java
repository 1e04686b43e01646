package io.driftwatch.simulator.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.simulator.estate.Account;
import io.driftwatch.simulator.estate.Estate;
import io.driftwatch.simulator.estate.IamUser;
import io.driftwatch.simulator.estate.Instance;
import io.driftwatch.simulator.estate.PermissionRule;
import io.driftwatch.simulator.estate.SecurityGroup;
import io.driftwatch.simulator.protocol.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/** The admin API under {@code /admin/}: inspect the estate and its ground truth, inject drift and faults. */
public final class AdminApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM = "application/problem+json";

  /** A plain HTTP reply; {@code body} null means no content. */
  public record Reply(int status, String contentType, byte[] body) {
    static Reply json(int status, Object value) {
      try {
        return new Reply(status, "application/json", JSON.writeValueAsBytes(value));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Reply noContent() {
      return new Reply(204, null, null);
    }
  }

  /** Raised for a reply other than success; rendered as problem+json. */
  private static final class Problem extends RuntimeException {
    final int status;

    Problem(int status, String detail) {
      super(detail, null, false, false);
      this.status = status;
    }
  }

  private final Estate estate;
  private final Faults faults;
  private final Set<String> operationsServed;
  private final String roleName;
  private final SecureRandom random = new SecureRandom();

  private final java.util.function.Supplier<java.util.Map<String, Object>> stats;

  public AdminApi(Estate estate, Faults faults, Set<String> operationsServed, String roleName,
      java.util.function.Supplier<java.util.Map<String, Object>> stats) {
    this.stats = stats;
    this.estate = estate;
    this.faults = faults;
    this.operationsServed = operationsServed;
    this.roleName = roleName;
  }

  public Reply handle(String method, String path, byte[] body) {
    return handle(method, path, null, body);
  }

  public Reply handle(String method, String path, String rawQuery, byte[] body) {
    try {
      return route(method, path, rawQuery == null ? "" : rawQuery, body);
    } catch (Problem p) {
      return problem(p.status, p.getMessage());
    } catch (NoSuchElementException e) {
      return problem(404, e.getMessage());
    } catch (IllegalStateException e) {
      return problem(409, e.getMessage());
    } catch (IllegalArgumentException e) {
      return problem(400, e.getMessage());
    }
  }

  private Reply route(String method, String path, String query, byte[] body) {
    String[] s = path.replaceAll("/+$", "").split("/");
    // s[0] is "" and s[1] is "admin"
    int n = s.length;
    if (n == 3) {
      switch (s[2]) {
        case "estate":
          requireMethod(method, "GET");
          return Reply.json(200, estateSummary());
        case "misconfigurations":
          requireMethod(method, "GET");
          // ?all=true adds the newer kinds; without it the answer is the original two rules, unchanged.
          return Reply.json(200, List.of(query.split("&")).contains("all=true")
              ? estate.allMisconfigurations() : estate.misconfigurations());
        case "operations":
          requireMethod(method, "GET");
          return Reply.json(200, new TreeSet<>(operationsServed));
        case "stats":
          requireMethod(method, "GET");
          return Reply.json(200, stats.get());
        case "faults":
          return faults(method, body);
        default:
          break;
      }
    }
    if (n >= 4 && s[2].equals("accounts")) {
      String account = s[3];
      if (n == 5 && s[4].equals("resources")) {
        requireMethod(method, "GET");
        return Reply.json(200, resources(account));
      }
      if (n == 7 && s[4].equals("s3") && s[6].equals("objects")) {
        // What PutObject stored in one bucket, for tests of Driftwatch's snapshot delivery.
        requireMethod(method, "GET");
        return Reply.json(200, estate.objects(account, s[5]).stream().map(o -> java.util.Map.of(
            "bucket", o.bucket(), "key", o.key(), "size", o.body().length,
            "body", new String(o.body(), java.nio.charset.StandardCharsets.UTF_8),
            "lastModified", o.lastModified().toString())).toList());
      }
            if (n == 6 && s[4].equals("iam") && s[5].equals("users")) {
        requireMethod(method, "POST");
        return Reply.json(201, createUser(account, body));
      }
      if (n == 9 && s[4].equals("regions") && s[6].equals("security-groups") && s[8].equals("ingress")) {
        requireMethod(method, "POST", "DELETE");
        PermissionRule rule = rule(body);
        if (method.equals("POST")) {
          estate.addIngress(account, s[5], s[7], rule);
        } else {
          estate.removeIngress(account, s[5], s[7], rule);
        }
        return Reply.noContent();
      }
      if (n == 8 && s[4].equals("regions") && s[6].equals("instances")) {
        requireMethod(method, "DELETE");
        estate.terminateInstance(account, s[5], s[7]);
        return Reply.noContent();
      }
    }
    throw new Problem(404, "no admin resource at " + path);
  }

  private static void requireMethod(String method, String... allowed) {
    if (!List.of(allowed).contains(method)) {
      throw new Problem(405, "method " + method + " not allowed; use " + String.join(" or ", allowed));
    }
  }

  private Map<String, Object> estateSummary() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("managementAccountId", estate.managementAccountId());
    out.put("organizationId", estate.organizationId());
    out.put("regions", estate.regions());
    List<Map<String, Object>> accounts = new ArrayList<>();
    for (Account a : estate.accounts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", a.id());
      m.put("name", a.name());
      m.put("email", a.email());
      m.put("status", a.status().name());
      accounts.add(m);
    }
    out.put("accounts", accounts);
    out.put("roleName", roleName);
    out.put("resourceCounts", estate.resourceCounts());
    return out;
  }

  private Map<String, Object> resources(String accountId) {
    Account account = estate.account(accountId).orElseThrow(() -> new NoSuchElementException("account " + accountId + " not found"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accountId", account.id());
    out.put("status", account.status().name());
    Map<String, Object> regions = new LinkedHashMap<>();
    for (String region : estate.regions()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("vpcId", estate.defaultVpcId(accountId, region).orElse(null));
      r.put("securityGroups", estate.securityGroups(accountId, region).stream().map(AdminApi::securityGroup).toList());
      r.put("instances", estate.instances(accountId, region).stream().map(AdminApi::instance).toList());
      regions.put(region, r);
    }
    out.put("regions", regions);
    out.put("iamUsers", estate.users(accountId).stream().map(AdminApi::user).toList());
    out.put("configurationItems", ExpectedItems.of(estate, accountId));
    return out;
  }

  private static Map<String, Object> securityGroup(SecurityGroup g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("groupId", g.groupId());
    m.put("groupName", g.groupName());
    m.put("description", g.description());
    m.put("vpcId", g.vpcId());
    m.put("ingress", g.ingress().stream().map(AdminApi::rule).toList());
    m.put("egress", g.egress().stream().map(AdminApi::rule).toList());
    m.put("tags", g.tags());
    return m;
  }

  private static Map<String, Object> rule(PermissionRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ipProtocol", r.ipProtocol());
    m.put("fromPort", r.fromPort());
    m.put("toPort", r.toPort());
    if (r.cidrIp() != null) {
      m.put("cidrIp", r.cidrIp());
    }
    if (r.cidrIpv6() != null) {
      m.put("cidrIpv6", r.cidrIpv6());
    }
    if (r.sourceGroupId() != null) {
      m.put("sourceGroupId", r.sourceGroupId());
    }
    return m;
  }

  private static Map<String, Object> instance(Instance i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instanceId", i.instanceId());
    m.put("state", i.stateName());
    m.put("instanceType", i.instanceType());
    m.put("availabilityZone", i.availabilityZone());
    m.put("subnetId", i.subnetId());
    m.put("vpcId", i.vpcId());
    m.put("privateIpAddress", i.privateIpAddress());
    m.put("securityGroupIds", i.groups().stream().map(Instance.GroupRef::groupId).toList());
    m.put("instanceProfileArn", i.instanceProfile() == null ? null : i.instanceProfile().arn());
    m.put("httpTokens", i.httpTokens());
    m.put("launchTime", XmlWriter.timestamp(i.launchTime()));
    m.put("tags", i.tags());
    return m;
  }

  private static Map<String, Object> user(IamUser u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userName", u.userName());
    m.put("userId", u.userId());
    m.put("arn", u.arn());
    m.put("path", u.path());
    m.put("createDate", XmlWriter.timestamp(u.createDate()));
    m.put("consolePassword", u.loginProfile() != null);
    m.put("mfa", !u.mfaDevices().isEmpty());
    m.put("mfaDevices", u.mfaDevices().stream().map(IamUser.MfaDevice::serialNumber).toList());
    return m;
  }

  private Map<String, Object> createUser(String accountId, byte[] body) {
    JsonNode json = object(body);
    String name = text(json, "userName", true);
    if (!name.matches("[\\w+=,.@-]{1,64}")) {
      throw new IllegalArgumentException("userName must match [\\w+=,.@-]{1,64}");
    }
    boolean console = bool(json, "consolePassword");
    boolean mfa = bool(json, "mfa");
    IamUser user = estate.createUser(accountId, name, console, mfa, this::newUserId, Instant.now());
    return user(user);
  }

  private String newUserId() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder b = new StringBuilder("AIDA");
    for (int i = 0; i < 17; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static PermissionRule rule(byte[] body) {
    JsonNode json = object(body);
    String protocol = text(json, "ipProtocol", true);
    Integer from = integer(json, "fromPort");
    Integer to = integer(json, "toPort");
    String cidrIp = text(json, "cidrIp", false);
    String cidrIpv6 = text(json, "cidrIpv6", false);
    String group = text(json, "sourceGroupId", false);
    if (cidrIp != null && !cidrIp.matches("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}")) {
      throw new IllegalArgumentException("cidrIp must be an IPv4 CIDR such as 0.0.0.0/0");
    }
    if (cidrIpv6 != null && !cidrIpv6.matches("[0-9a-fA-F:]+/\\d{1,3}")) {
      throw new IllegalArgumentException("cidrIpv6 must be an IPv6 CIDR such as ::/0");
    }
    return new PermissionRule(protocol, from, to, cidrIp, cidrIpv6, group, null);
  }

  private Reply faults(String method, byte[] body) {
    switch (method) {
      case "GET":
        return Reply.json(200, faults.config());
      case "DELETE":
        faults.clear();
        return Reply.noContent();
      case "POST":
        faults.set(parseFaults(object(body)));
        return Reply.json(200, faults.config());
      default:
        throw new Problem(405, "method " + method + " not allowed; use GET, POST or DELETE");
    }
  }

  private static Faults.Config parseFaults(JsonNode json) {
    Set<String> denied = new HashSet<>();
    JsonNode d = json.get("assumeRoleDenied");
    if (d != null && !d.isNull()) {
      if (!d.isArray()) {
        throw new IllegalArgumentException("assumeRoleDenied must be an array of account ids");
      }
      d.forEach(x -> {
        if (!x.isTextual()) {
          throw new IllegalArgumentException("assumeRoleDenied must contain account id strings");
        }
        denied.add(x.asText());
      });
    }
    List<Faults.Throttle> throttles = new ArrayList<>();
    JsonNode t = json.get("throttle");
    if (t != null && !t.isNull()) {
      for (JsonNode one : t.isArray() ? t : List.of(t)) {
        if (!one.isObject()) {
          throw new IllegalArgumentException("throttle must be an object (or an array of objects)");
        }
        JsonNode rate = one.get("rate");
        JsonNode burst = one.get("burst");
        JsonNode refill = one.get("refillPerSecond");
        if (burst != null || refill != null) {
          // EC2-style token bucket per (account, region, API).
          if (rate != null) {
            throw new IllegalArgumentException("throttle takes either rate or burst + refillPerSecond, not both");
          }
          if (burst == null || !burst.canConvertToInt() || burst.asInt() < 1 || burst.asInt() > 1_000_000) {
            throw new IllegalArgumentException("throttle.burst must be an integer within [1, 1000000]");
          }
          if (refill == null || !refill.isNumber() || refill.asDouble() < 0 || refill.asDouble() > 1_000_000) {
            throw new IllegalArgumentException("throttle.refillPerSecond must be a number within [0, 1000000]");
          }
          throttles.add(Faults.Throttle.bucket(textOr(one, "account"), textOr(one, "region"), textOr(one, "action"),
              burst.asInt(), refill.asDouble()));
          continue;
        }
        if (rate == null || !rate.isNumber() || rate.asDouble() < 0 || rate.asDouble() > 1) {
          throw new IllegalArgumentException("throttle.rate must be a number within [0, 1]");
        }
        throttles.add(Faults.Throttle.random(textOr(one, "account"), textOr(one, "region"), textOr(one, "action"),
            rate.asDouble()));
      }
    }
    long latency = 0;
    JsonNode l = json.get("latencyMillis");
    if (l != null && !l.isNull()) {
      if (!l.canConvertToLong() || l.asLong() < 0 || l.asLong() > 60_000) {
        throw new IllegalArgumentException("latencyMillis must be an integer within [0, 60000]");
      }
      latency = l.asLong();
    }
    double serverErrorRate = 0;
    JsonNode s = json.get("serverErrorRate");
    if (s != null && !s.isNull()) {
      if (!s.isNumber() || s.asDouble() < 0 || s.asDouble() > 1) {
        throw new IllegalArgumentException("serverErrorRate must be a number within [0, 1]");
      }
      serverErrorRate = s.asDouble();
    }
    return new Faults.Config(denied, throttles, latency, serverErrorRate);
  }

  private static String textOr(JsonNode node, String field) {
    String v = text(node, field, false);
    return v == null ? "*" : v;
  }

  private static JsonNode object(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("unreadable body: " + e.getMessage());
    }
  }

  private static String text(JsonNode json, String field, boolean required) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + " is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-empty string");
    }
    return v.asText();
  }

  private static Integer integer(JsonNode json, String field) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(field + " must be an integer");
    }
    return v.asInt();
  }

  private static boolean bool(JsonNode json, String field) {
    JsonNode v = json.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(field + " must be a boolean");
    }
    return v.asBoolean();
  }

  private static Reply problem(int status, String detail) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "about:blank");
    p.put("title", switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      default -> "Error";
    });
    p.put("status", status);
    p.put("detail", detail);
    try {
      return new Reply(status, PROBLEM, JSON.writeValueAsString(p).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
